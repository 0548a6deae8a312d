package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Long-running services come back after a crash and get longer to stop than their own graceful shutdown takes. */
final class LifecycleCheck {

    private static final Pattern COMPOSE_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("us", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private LifecycleCheck() {
    }

    static List<String> problems(ComposeProject project, Repository repo) {
        List<String> problems = new ArrayList<>();
        project.services().fields().forEachRemaining(s -> {
            if (Services.isOneShot(project, s.getKey())) {
                return;
            }
            String where = project.name() + ": " + s.getKey();
            JsonNode service = s.getValue();
            if (!service.has("restart")) {
                problems.add(where + " has no restart policy");
            }
            if (!service.has("stop_grace_period")) {
                problems.add(where + " has no stop_grace_period");
                return;
            }
            String text = service.path("stop_grace_period").asText();
            Optional<Duration> stop = composeDuration(text);
            if (stop.isEmpty()) {
                problems.add(where + ": stop_grace_period " + text + " is not a duration");
                return;
            }
            Services.module(service).flatMap(module -> ShutdownGrace.of(repo, module))
                    .filter(grace -> stop.get().compareTo(grace) <= 0)
                    .ifPresent(grace -> problems.add(where + ": stop_grace_period " + text + " does not exceed the "
                            + seconds(grace) + " its own graceful shutdown may take"));
        });
        return problems;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Compose's (Go's) form: 25s, 1m30s, 1.5s, 500ms. */
    static Optional<Duration> composeDuration(String text) {
        Matcher m = COMPOSE_PART.matcher(text.strip());
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))).longValue();
            end = m.end();
        }
        return end > 0 && end == text.strip().length() ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
    }
}
