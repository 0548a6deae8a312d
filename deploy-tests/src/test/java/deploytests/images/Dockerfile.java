package deploytests.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as the builder reads it: continuation lines joined, comment lines dropped, the global ARG defaults (or
 * the given build arguments) substituted into FROM, a FROM naming an earlier stage resolved to that stage's base.
 */
final class Dockerfile {

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern OPTIONS = Pattern.compile("^(--\\S+\\s+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final List<Stage> stages = new ArrayList<>();

    /** One build stage: its base image, its AS name, and the instructions after its FROM with their line numbers. */
    private record Stage(String base, String name, List<Instruction> instructions) {
    }

    private record Instruction(int line, String keyword, String arguments) {
    }

    private Dockerfile(String label) {
        this.label = label;
    }

    static Dockerfile read(Path file, String label, Map<String, String> buildArgs) {
        try {
            return parse(Files.readString(file), label, buildArgs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text, String label, Map<String, String> buildArgs) {
        Dockerfile dockerfile = new Dockerfile(label);
        Map<String, String> args = new HashMap<>();
        for (Instruction instruction : instructions(text)) {
            String arguments = instruction.arguments();
            if (instruction.keyword().equals("ARG") && dockerfile.stages.isEmpty()) {
                String[] pair = arguments.split("=", 2);
                String fallback = pair.length > 1 ? pair[1].replaceAll("^[\"']|[\"']$", "") : "";
                args.put(pair[0].strip(), buildArgs.getOrDefault(pair[0].strip(), fallback));
            } else if (instruction.keyword().equals("FROM")) {
                String[] words = substitute(arguments.replaceFirst(OPTIONS.pattern(), ""), args).split("\\s+");
                String base = dockerfile.stages.stream().filter(s -> words[0].equalsIgnoreCase(s.name()))
                        .map(Stage::base).findFirst().orElse(words[0]);
                String name = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                dockerfile.stages.add(new Stage(base, name, new ArrayList<>()));
            } else if (!dockerfile.stages.isEmpty()) {
                dockerfile.stages.get(dockerfile.stages.size() - 1).instructions().add(instruction);
            }
        }
        if (dockerfile.stages.isEmpty()) {
            throw new IllegalArgumentException(label + " has no FROM");
        }
        return dockerfile;
    }

    /** The base of the last stage: what the built image runs on. */
    String finalBase() {
        return stages.get(stages.size() - 1).base();
    }

    /** Each RUN (in every stage) and the HEALTHCHECK CMD, as the command vector the container runs. */
    List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        for (Stage stage : stages) {
            List<String> shell = DEFAULT_SHELL;
            for (Instruction instruction : stage.instructions()) {
                String where = label + ":" + instruction.line() + " " + instruction.keyword();
                String arguments = instruction.arguments().replaceFirst(OPTIONS.pattern(), "");
                switch (instruction.keyword()) {
                    case "SHELL" -> shell = json(arguments);
                    case "RUN" -> commands.add(new Command(where, stage.base(), vector(arguments, shell)));
                    case "HEALTHCHECK" -> {
                        if (arguments.startsWith("CMD")) {
                            commands.add(new Command(where, stage.base(), vector(arguments.substring(3).strip(), shell)));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return commands;
    }

    /** A command in a stage built on {@code image}: the exec form's vector, or the shell form under the stage's SHELL. */
    record Command(String where, String image, List<String> argv) {
    }

    private List<String> vector(String arguments, List<String> shell) {
        if (arguments.startsWith("[")) {
            return json(arguments);
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(arguments);
        return argv;
    }

    private List<String> json(String array) {
        try {
            return Arrays.asList(JSON.readValue(array, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(label + ": not a JSON array: " + array, e);
        }
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String value = args.getOrDefault(name, "");
            m.appendReplacement(out, Matcher.quoteReplacement(value.isEmpty() && m.group(2) != null ? m.group(2) : value));
        }
        return m.appendTail(out).toString();
    }

    /** Instructions with the line they start on; a line ending in a backslash continues, comment lines inside are dropped. */
    private static List<Instruction> instructions(String text) {
        List<Instruction> instructions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int start = i + 1;
            StringBuilder joined = new StringBuilder();
            while (line.endsWith("\\") && i + 1 < lines.length) {
                joined.append(line, 0, line.length() - 1);
                do {
                    line = lines[++i].stripTrailing();
                } while ((line.isBlank() || line.strip().startsWith("#")) && i + 1 < lines.length);
            }
            joined.append(line);
            String[] parts = joined.toString().split("\\s+", 2);
            instructions.add(new Instruction(start, parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
        }
        return instructions;
    }
}
