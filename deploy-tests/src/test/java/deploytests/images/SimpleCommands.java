package deploytests.images;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What {@link ShellScript} collects while it scans: the words of each simple command, and the functions defined. */
final class SimpleCommands {

    private final List<List<String>> commands = new ArrayList<>();
    private final Set<String> functions = new HashSet<>();
    private List<String> words = new ArrayList<>();
    private StringBuilder word;
    private boolean redirectTarget;

    ShellScript.Parsed parsed() {
        return new ShellScript.Parsed(List.copyOf(commands), Set.copyOf(functions));
    }

    /** A substitution's own commands run too; they come before the command they are part of. */
    void addAll(ShellScript.Parsed nested) {
        commands.addAll(nested.commands());
        functions.addAll(nested.functions());
    }

    void append(String text) {
        if (word == null) {
            word = new StringBuilder();
        }
        word.append(text);
    }

    boolean inWord() {
        return word != null;
    }

    /** Before a redirection: a word of digits is its file descriptor (2>&1, 3<>file), anything else ends. */
    void beforeRedirection() {
        if (word != null && word.toString().matches("\\d+")) {
            word = null;
        } else {
            endWord();
        }
    }

    /** The next word is the file of a redirection, not an argument. */
    void redirectTarget() {
        redirectTarget = true;
    }

    /** name() opens a function definition: the name is no command. */
    boolean defineFunction() {
        endWord();
        if (words.isEmpty()) {
            return false;
        }
        functions.add(words.get(words.size() - 1));
        words.clear();
        return true;
    }

    /** The words before a case pattern's ")" are the pattern, not a command. */
    void dropWords() {
        endWord();
        words.clear();
    }

    void endWord() {
        if (word != null) {
            if (redirectTarget) {
                redirectTarget = false;
            } else {
                words.add(word.toString());
            }
            word = null;
        }
    }

    void endCommand() {
        endWord();
        redirectTarget = false;
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
        words = new ArrayList<>();
    }
}
