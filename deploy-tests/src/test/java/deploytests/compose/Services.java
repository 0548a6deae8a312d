package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service is, read from its resolved definition. */
final class Services {

    private static final Pattern SUITE_IMAGE = Pattern.compile("^([^/]+/)?java-cluster/([a-z0-9-]+)(?:[:@][^/]+)?$");
    private static final Map<String, Integer> ENGINE_PORTS = Map.of("postgres", 5432, "mysql", 3306, "mariadb", 3306, "redis", 6379);
    /** The opt-in profile of long-running services; every other profile holds jobs run by hand. */
    static final String OBSERVABILITY = "observability";

    private Services() {
    }

    /** The module whose Dockerfile builds it, or whose image (java-cluster/<module>, maybe from a registry) it runs. */
    static Optional<String> module(JsonNode service) {
        String dockerfile = service.path("build").path("dockerfile").asText("");
        if (dockerfile.endsWith("/Dockerfile")) {
            return Optional.of(dockerfile.substring(0, dockerfile.length() - "/Dockerfile".length()));
        }
        return moduleOfImage(service.path("image").asText(""));
    }

    /** java-cluster/echo:1.0.0 and 127.0.0.1:5000/java-cluster/echo:1.0.0 -> echo. */
    static Optional<String> moduleOfImage(String image) {
        Matcher m = SUITE_IMAGE.matcher(image);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** The registry host an image names (127.0.0.1:5000/…), or empty for Docker Hub's short names. */
    static Optional<String> registry(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? Optional.of(first) : Optional.empty();
    }

    /** The database or cache engine of an official image (postgres:17 -> postgres), if it is one. */
    static Optional<String> engine(JsonNode service) {
        String repository = service.path("image").asText("").replaceFirst(":.*", "");
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        return ENGINE_PORTS.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    static Optional<Integer> enginePort(JsonNode service) {
        return engine(service).map(ENGINE_PORTS::get);
    }

    /** A job runs and exits: it sits behind a profile other than observability, or others wait for it to complete. */
    static boolean isOneShot(ComposeProject project, String name) {
        if (profiles(project.services().path(name)).stream().anyMatch(p -> !p.equals(OBSERVABILITY))) {
            return true;
        }
        for (JsonNode other : project.services()) {
            JsonNode dependency = other.path("depends_on").path(name);
            if ("service_completed_successfully".equals(dependency.path("condition").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The port the service listens on inside its container: PORT if set, else the module's or engine's default. */
    static Optional<Integer> listeningPort(Repository repo, JsonNode service) {
        String port = environment(service).get("PORT");
        if (port != null && port.matches("\\d+")) {
            return Optional.of(Integer.parseInt(port));
        }
        Optional<String> module = module(service);
        if (module.isPresent()) {
            return repo.defaultPort(module.get());
        }
        return enginePort(service);
    }

    static List<String> profiles(JsonNode service) {
        List<String> names = new ArrayList<>();
        service.path("profiles").forEach(p -> names.add(p.asText()));
        return names;
    }

    /** The networks it joins; without a networks key, compose puts it on default. */
    static List<String> networks(JsonNode service) {
        JsonNode node = service.path("networks");
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else {
            names.add("default");
        }
        return names;
    }

    /** environment as a map, from either the mapping or the KEY=VALUE list form. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String[] pair = item.asText().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        }
        return env;
    }
}
