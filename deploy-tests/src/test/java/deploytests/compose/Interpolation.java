package deploytests.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation, for the forms this repository uses: $$, $VAR, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:?message}, ${VAR?message}, ${VAR:+value}. A variable must end up with a value:
 * from the environment (the .env.example beside the file) or its default; a required one must be in .env.example.
 */
final class Interpolation {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(.?))");

    private Interpolation() {
    }

    /** A variable reference as written: ${NAME:-default} is (NAME, ":-", "default"); $NAME has no operator. */
    record Reference(String name, String operator, String argument) {
    }

    /** The references in a text, skipping the $$ escapes compose leaves as a literal $. */
    static List<Reference> references(String text) {
        Matcher m = REFERENCE.matcher(text);
        List<Reference> references = new ArrayList<>();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(5);
            if (name != null) {
                references.add(new Reference(name, m.group(3) == null ? "" : m.group(3), m.group(4) == null ? "" : m.group(4)));
            }
        }
        return references;
    }

    static String apply(String text, Map<String, String> env, String where, List<String> problems) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m, env, where, problems)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(Matcher m, Map<String, String> env, String where, List<String> problems) {
        if (m.group(1) != null) {
            return "$";
        }
        if (m.group(6) != null) {
            problems.add(where + ": a lone '$' in \"" + m.group() + "\" (write $$ for a literal dollar)");
            return "";
        }
        String name = m.group(2) != null ? m.group(2) : m.group(5);
        String operator = m.group(3);
        String argument = m.group(4);
        String value = env.get(name);
        boolean colon = operator != null && operator.startsWith(":");
        boolean unset = value == null || (colon && value.isEmpty());
        if (operator == null) {
            if (value == null) {
                problems.add(where + ": ${" + name + "} has no default and is not in .env.example");
                return "";
            }
            return value;
        }
        return switch (operator.substring(operator.length() - 1)) {
            case "-" -> unset ? argument : value;
            case "+" -> unset ? "" : argument;
            default -> {
                if (unset) {
                    problems.add(where + ": ${" + name + "} is required but .env.example gives it no value");
                    yield "";
                }
                yield value;
            }
        };
    }
}
