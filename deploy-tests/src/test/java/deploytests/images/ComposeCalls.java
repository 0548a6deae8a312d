package deploytests.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The programs a compose file's services start: healthcheck tests, entrypoints, and commands of upstream images
 * (whose entrypoints exec the command; the suite's own images take it as the application's arguments). Variables
 * take their defaults, as with no .env.
 */
final class ComposeCalls {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamImages images;
    private final Commands commands;

    ComposeCalls(UpstreamImages images) {
        this.images = images;
        this.commands = new Commands(images.root());
    }

    /** Anchors, aliases and merge keys resolved, as compose reads YAML. */
    static JsonNode load(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            // compose.yaml's anchors are used more than SnakeYAML's default of 50 aliases allows; compose sets no limit.
            options.setMaxAliasesForCollections(500);
            return JSON.valueToTree(new Yaml(new SafeConstructor(options)).load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only YAML with services is a compose file; Grafana's provisioning files beside them are not. */
    static boolean isCompose(Path file) {
        return load(file).path("services").isObject();
    }

    List<Call> calls(Path file) {
        List<Call> calls = new ArrayList<>();
        String label = images.label(file);
        load(file).path("services").fields().forEachRemaining(
                service -> calls.addAll(service(label + " services." + service.getKey(), file.getParent(), service.getValue())));
        return calls;
    }

    private List<Call> service(String where, Path dir, JsonNode service) {
        JsonNode build = service.get("build");
        String image;
        boolean repository;
        if (build != null) {
            Path context = dir.resolve(text(build.isTextual() ? build : build.path("context"), "."));
            Path dockerfile = context.resolve(text(build.path("dockerfile"), "Dockerfile"));
            image = images.ofDockerfile(dockerfile, args(build.path("args")));
            repository = true;
        } else {
            String named = text(service.path("image"), "");
            image = images.of(named);
            repository = images.isRepository(named);
        }
        List<Call> calls = new ArrayList<>();
        add(calls, where + ".healthcheck", image, healthcheck(service.path("healthcheck")));
        if (service.has("entrypoint")) {
            add(calls, where + ".entrypoint", image, programs(service.get("entrypoint")));
        } else if (service.has("command") && !repository) {
            add(calls, where + ".command", image, programs(service.get("command")));
        }
        return calls;
    }

    /** ["CMD", program, ...] runs the program; ["CMD-SHELL", script] and a plain string run the script under sh -c. */
    private List<String> healthcheck(JsonNode healthcheck) {
        JsonNode test = healthcheck.path("test");
        if (healthcheck.path("disable").asBoolean(false) || test.isMissingNode()) {
            return List.of();
        }
        if (test.isTextual()) {
            return commands.programs(List.of("/bin/sh", "-c", text(test, "")));
        }
        List<String> vector = strings(test);
        return switch (vector.isEmpty() ? "NONE" : vector.get(0)) {
            case "CMD" -> commands.programs(vector.subList(1, vector.size()));
            case "CMD-SHELL" -> commands.programs(List.of("/bin/sh", "-c", String.join(" ", vector.subList(1, vector.size()))));
            default -> List.of();
        };
    }

    /** A list is the vector itself; compose splits a string into words as a shell would, without running one. */
    private List<String> programs(JsonNode node) {
        return node.isArray() ? commands.programs(strings(node)) : commands.ofScript(text(node, ""));
    }

    private static void add(List<Call> calls, String where, String image, List<String> programs) {
        programs.forEach(program -> calls.add(new Call(where, image, program)));
    }

    private static Map<String, String> args(JsonNode args) {
        Map<String, String> map = new HashMap<>();
        if (args.isObject()) {
            args.fields().forEachRemaining(e -> map.put(e.getKey(), text(e.getValue(), "")));
        } else {
            for (String pair : strings(args)) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return map;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(text(item, "")));
        return strings;
    }

    /** The node's text with $$ as $ and each variable at its default (unset variables are empty). */
    private static String text(JsonNode node, String fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        Matcher m = REFERENCE.matcher(node.asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) != null ? "$" : m.group(3) != null && m.group(3).endsWith("-") ? m.group(4) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
