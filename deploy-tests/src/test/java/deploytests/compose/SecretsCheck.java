package deploytests.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A password comes from a variable that is either required or falls back to a value that says it is dev-only. */
final class SecretsCheck {

    private SecretsCheck() {
    }

    static List<String> problems(ComposeProject project) {
        List<String> problems = new ArrayList<>();
        for (JsonNode file : project.rawFiles()) {
            texts(file, text -> Interpolation.references(text).stream().filter(r -> r.name().contains("PASSWORD")).forEach(r -> {
                String written = "${" + r.name() + r.operator() + r.argument() + "}";
                boolean devOnlyDefault = r.operator().endsWith("-") && r.argument().contains("dev-only");
                if (r.operator().endsWith("-") && !devOnlyDefault) {
                    problems.add(project.name() + ": " + written + " falls back to a password not marked dev-only");
                } else if (!devOnlyDefault && !r.operator().equals(":?")) {
                    problems.add(project.name() + ": " + written + " is neither required (:?) nor given a dev-only default");
                }
            }));
        }
        project.raw().path("services").fields().forEachRemaining(s -> Services.environment(s.getValue()).forEach((name, value) -> {
            boolean secret = name.contains("PASSWORD") || name.endsWith("PWD");
            if (secret && value != null && Interpolation.references(value).isEmpty()) {
                problems.add(project.name() + ": " + s.getKey() + " writes " + name + " into the file instead of a variable");
            }
        }));
        return problems;
    }

    /** Every string value in the tree; compose interpolates values, never keys. */
    private static void texts(JsonNode node, Consumer<String> action) {
        if (node.isTextual()) {
            action.accept(node.asText());
        }
        node.forEach(child -> texts(child, action));
    }
}
