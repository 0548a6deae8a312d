package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files compose reads together, interpolated with the .env.example beside the first one, as compose would with
 * that file copied to .env. {@code raw} keeps the text as written, {@code resolved} the values compose would use.
 */
record ComposeProject(String name, Path dir, List<JsonNode> rawFiles, List<JsonNode> resolvedFiles,
                      ObjectNode raw, ObjectNode resolved, List<String> interpolationProblems) {

    static ComposeProject load(String name, Path dir, List<String> texts) {
        Path envFile = dir.resolve(".env.example");
        Map<String, String> env = Files.isRegularFile(envFile) ? envFile(Repository.read(envFile)) : Map.of();
        return of(name, dir, texts, env);
    }

    static ComposeProject of(String name, Path dir, List<String> texts, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> rawFiles = new ArrayList<>();
        List<JsonNode> resolvedFiles = new ArrayList<>();
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        for (String text : texts) {
            JsonNode file = Yaml.read(text);
            JsonNode interpolated = interpolate(file, env, name, problems);
            rawFiles.add(file);
            resolvedFiles.add(interpolated);
            merge(raw, file);
            merge(resolved, interpolated);
        }
        return new ComposeProject(name, dir, rawFiles, resolvedFiles, raw, resolved, problems);
    }

    JsonNode services() {
        return resolved.path("services");
    }

    JsonNode rawService(String service) {
        return raw.path("services").path(service);
    }

    /** KEY=VALUE lines; blank lines and # comments ignored, as compose reads .env. */
    static Map<String, String> envFile(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(".env.example line is not KEY=VALUE: " + line);
            }
            env.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return env;
    }

    private static JsonNode interpolate(JsonNode node, Map<String, String> env, String where, List<String> problems) {
        if (node.isTextual()) {
            return TextNode.valueOf(Interpolation.apply(node.asText(), env, where, problems));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolate(e.getValue(), env, where, problems)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(interpolate(item, env, where, problems)));
            return copy;
        }
        return node;
    }

    /** Later files add services and volumes and override a service's keys, as compose merges -f files. */
    private static void merge(ObjectNode into, JsonNode file) {
        file.fields().forEachRemaining(top -> {
            if (top.getValue().isObject() && into.path(top.getKey()).isObject()) {
                ObjectNode section = (ObjectNode) into.get(top.getKey());
                top.getValue().fields().forEachRemaining(entry -> {
                    if (entry.getValue().isObject() && section.path(entry.getKey()).isObject()) {
                        ((ObjectNode) section.get(entry.getKey())).setAll((ObjectNode) entry.getValue());
                    } else {
                        section.set(entry.getKey(), entry.getValue());
                    }
                });
            } else {
                into.set(top.getKey(), top.getValue().deepCopy());
            }
        });
    }
}
