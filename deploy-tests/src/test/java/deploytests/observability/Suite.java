package deploytests.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deploytests.k8s.Modules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * compose.yaml and the observability files it mounts, parsed strictly (duplicate keys rejected, anchors resolved),
 * with what the modules say about each service: the port it listens on and the path it serves metrics at.
 */
record Suite(Path root, JsonNode compose, JsonNode prometheus, JsonNode datasources, JsonNode providers,
             Map<String, JsonNode> dashboards) {

    static final String COMPOSE = "compose/compose.yaml";
    static final String DIR = "compose/observability";
    static final String PROMETHEUS = DIR + "/prometheus.yml";
    static final String DATASOURCES = DIR + "/grafana/provisioning/datasources/datasources.yaml";
    static final String PROVIDERS = DIR + "/grafana/provisioning/dashboards/dashboards.yaml";
    static final String DASHBOARDS = DIR + "/grafana/dashboards";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEFAULT_PORT = Pattern.compile("port:\\s*\\$\\{PORT:(\\d+)}");

    static Suite load() {
        Path root = Modules.repositoryRoot();
        Map<String, JsonNode> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve(DASHBOARDS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString(), json(read(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Suite(root, yaml(read(root.resolve(COMPOSE))), yaml(read(root.resolve(PROMETHEUS))),
                yaml(read(root.resolve(DATASOURCES))), yaml(read(root.resolve(PROVIDERS))), dashboards);
    }

    static JsonNode yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // compose.yaml's anchors are used more than SnakeYAML's default of 50 aliases allows; compose sets no limit.
        options.setMaxAliasesForCollections(500);
        return JSON.valueToTree(new Yaml(new SafeConstructor(options)).load(text));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode service(String name) {
        return compose.path("services").path(name);
    }

    /** The module a compose service is built from or runs the image of, if it is one of the suite's. */
    Optional<String> module(String service) {
        JsonNode s = service(service);
        String dockerfile = s.path("build").path("dockerfile").asText("");
        if (dockerfile.endsWith("/Dockerfile")) {
            return Optional.of(dockerfile.substring(0, dockerfile.indexOf('/')));
        }
        String image = s.path("image").asText("");
        return image.startsWith(Modules.IMAGE_PREFIX)
                ? Optional.of(image.substring(Modules.IMAGE_PREFIX.length()).replaceFirst(":.*", ""))
                : Optional.empty();
    }

    /** PORT from the service's environment, else the default of its module's application.yml. */
    Optional<Integer> listeningPort(String service) {
        String port = service(service).path("environment").path("PORT").asText("");
        if (port.matches("\\d+")) {
            return Optional.of(Integer.parseInt(port));
        }
        return module(service).flatMap(this::applicationYml).map(DEFAULT_PORT::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)));
    }

    /** Where the module serves Prometheus metrics: Micronaut's prometheus endpoint under endpoints.all.path. */
    Optional<String> metricsPath(String module) {
        return applicationYml(module).map(Suite::yaml).filter(config ->
                config.path("micronaut").path("metrics").path("export").path("prometheus").path("enabled").asBoolean(false)
                        && config.path("endpoints").path("prometheus").path("enabled").asBoolean(true))
                .map(config -> (config.path("endpoints").path("all").path("path").asText("/") + "/prometheus").replaceAll("/+", "/"));
    }

    private Optional<String> applicationYml(String module) {
        Path file = root.resolve(module).resolve("src/main/resources/application.yml");
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** The services of a compose profile. */
    Stream<String> profile(String profile) {
        return names(compose.path("services")).filter(s -> service(s).path("profiles").toString().contains("\"" + profile + "\""));
    }

    static Stream<String> names(JsonNode object) {
        Iterable<String> names = object::fieldNames;
        return java.util.stream.StreamSupport.stream(names.spliterator(), false);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
