package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a module's own shutdown may take after SIGTERM; compose must wait longer before it kills the container. */
final class ShutdownGrace {

    private static final Pattern MICRONAUT_DURATION = Pattern.compile("(\\d+)(ns|ms|s|m|h|d)");

    private ShutdownGrace() {
    }

    /** From the module's application.yml, or hello1400's SHUTDOWN_GRACE_SECONDS; empty for modules with neither. */
    static Optional<Duration> of(Repository repo, String module) {
        if (repo.isMicronaut(module)) {
            Path yaml = repo.root().resolve(module).resolve("src/main/resources/application.yml");
            return gracePeriod(Yaml.read(Repository.read(yaml)));
        }
        // stop(grace) waits up to the grace for requests in flight, then up to the grace again for its workers.
        return repo.sourceConstant(module, "SHUTDOWN_GRACE_SECONDS").map(seconds -> Duration.ofSeconds(2L * seconds));
    }

    /** graceful-shutdown.grace-period wherever the file sets it (Micronaut 4 reads it under micronaut.lifecycle). */
    static Optional<Duration> gracePeriod(JsonNode node) {
        JsonNode shutdown = node.path("graceful-shutdown");
        if (shutdown.has("grace-period") && shutdown.path("enabled").asBoolean(true)) {
            return Optional.of(micronautDuration(shutdown.path("grace-period").asText()));
        }
        for (JsonNode child : node) {
            Optional<Duration> found = gracePeriod(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Micronaut's forms: 20s, 500ms, 1m, or ISO-8601 such as PT20S. */
    static Duration micronautDuration(String text) {
        Matcher m = MICRONAUT_DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Duration.parse(text.strip());
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> Duration.ofNanos(amount);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
