package deploytests.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The programs a command makes its container start: the executable of an exec-form vector, and for {@code sh -c} or
 * {@code bash -c} the shell plus every program its script calls. An absolute path counts as its base name; a relative
 * one is a repository file (./mvnw), which needs only the interpreter of its shebang.
 */
final class Commands {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash");
    /** Words that open or close a compound command; the command proper, if any, follows them. */
    private static final Set<String> KEYWORDS =
            Set.of("if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "esac");
    /** Heads of loops and cases, and conditional expressions: they start no program. */
    private static final Set<String> NO_PROGRAM = Set.of("for", "select", "case", "[[", "]]");
    /** Builtins of bash and dash: they run inside the shell, so the image needs no program of that name. */
    private static final Set<String> BUILTINS = Set.of("exec", "printf", "read", "echo", "test", "[", "kill", "wait",
            "cd", "export", "exit", "true", "false", "set", "unset", "local", "return", "break", "continue", ":", ".",
            "source", "trap", "shift", "command", "type", "eval", "let", "declare", "typeset", "readonly", "getopts",
            "hash", "ulimit", "umask", "pwd", "alias", "unalias", "jobs", "fg", "bg", "shopt", "mapfile", "readarray",
            "builtin", "times", "disown", "pushd", "popd", "dirs");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);

    private final Path root;

    Commands(Path root) {
        this.root = root;
    }

    /** A vector as an exec form gives it: ["curl", "-fsS", url], ["sh", "-c", script], ["/opt/jre/bin/java", ...]. */
    List<String> programs(List<String> argv) {
        if (argv.isEmpty() || argv.get(0).isEmpty() || argv.get(0).contains("$")) {
            return List.of(); // a variable or a substitution names it: unknowable here
        }
        String first = argv.get(0);
        List<String> programs = new ArrayList<>();
        executable(first).ifPresent(programs::add);
        if (SHELLS.contains(first.substring(first.lastIndexOf('/') + 1))) {
            String script = script(argv);
            if (script != null) {
                programs.addAll(ofScript(script));
            }
        }
        return programs;
    }

    /** The programs a shell script's commands start, the shell that runs it not included. */
    List<String> ofScript(String script) {
        ShellScript.Parsed parsed = ShellScript.parse(script);
        Set<String> functions = new HashSet<>(parsed.functions());
        for (List<String> command : parsed.commands()) {
            int at = command.indexOf("function");
            if (at >= 0 && at + 1 < command.size()) {
                functions.add(command.get(at + 1)); // bash's "function name {" form
            }
        }
        List<String> programs = new ArrayList<>();
        for (List<String> command : parsed.commands()) {
            programs.addAll(programs(simple(command, functions)));
        }
        return programs;
    }

    /** The command proper: keywords, assignments and exec/command prefixes gone; empty for builtins and functions. */
    private static List<String> simple(List<String> words, Set<String> functions) {
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            if (ASSIGNMENT.matcher(word).matches() || KEYWORDS.contains(word)) {
                i++;
            } else if (word.equals("function")) {
                i += 2;
            } else if (word.equals("exec") || word.equals("command")) {
                i++;
                while (i < words.size() && words.get(i).startsWith("-")) {
                    if (words.get(i).equals("-v") || words.get(i).equals("-V")) {
                        return List.of(); // command -v only looks the name up
                    }
                    i += words.get(i).equals("-a") ? 2 : 1;
                }
            } else {
                break;
            }
        }
        List<String> rest = words.subList(Math.min(i, words.size()), words.size());
        if (rest.isEmpty() || NO_PROGRAM.contains(rest.get(0)) || BUILTINS.contains(rest.get(0))
                || functions.contains(rest.get(0)) || rest.get(rest.size() - 1).equals("]]")) {
            return List.of();
        }
        return rest;
    }

    /** The script of sh -c SCRIPT, also with options before it (sh -ec, bash -o pipefail -c); null for sh FILE. */
    private static String script(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-o") || arg.equals("+o")) {
                i++;
            } else if (!arg.startsWith("-") && !arg.startsWith("+")) {
                return null;
            } else if (!arg.startsWith("--") && arg.contains("c")) {
                return i + 1 < argv.size() ? argv.get(i + 1) : null;
            }
        }
        return null;
    }

    private Optional<String> executable(String word) {
        if (word.startsWith("/")) {
            return Optional.of(word.substring(word.lastIndexOf('/') + 1));
        }
        if (word.contains("/") && Files.isRegularFile(root.resolve(word))) {
            return interpreter(root.resolve(word));
        }
        return Optional.of(word);
    }

    /** "#!/bin/sh" needs sh, "#!/usr/bin/env bash" bash; a file without a shebang names nothing this can check. */
    private static Optional<String> interpreter(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            if (!head.startsWith("#!")) {
                return Optional.empty();
            }
            String[] words = head.substring(2, head.contains("\n") ? head.indexOf('\n') : head.length()).trim().split("\\s+");
            String program = words[0].substring(words[0].lastIndexOf('/') + 1);
            for (int i = 1; program.equals("env") && i < words.length; i++) {
                if (!words[i].startsWith("-")) {
                    program = words[i];
                }
            }
            return Optional.of(program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
