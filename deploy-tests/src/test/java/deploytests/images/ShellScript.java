package deploytests.images;

import java.util.List;
import java.util.Set;

/**
 * The simple commands of a shell script, read roughly but without being fooled by quotes, redirections, command
 * substitutions or functions: enough to name the programs a script starts, not to run it. {@link Commands} strips
 * keywords, assignments and builtins from what this returns.
 */
final class ShellScript {

    private final String text;
    private final SimpleCommands out = new SimpleCommands();
    private int pos;
    private int subshells;

    private ShellScript(String text) {
        this.text = text;
    }

    /** Each simple command's words, quotes removed; a substitution inside a word reads as {@code $()}. */
    static Parsed parse(String script) {
        ShellScript scanner = new ShellScript(script);
        scanner.scan();
        return scanner.out.parsed();
    }

    /** The commands and the names of the functions the script defines (calling one starts no program). */
    record Parsed(List<List<String>> commands, Set<String> functions) {
    }

    private void scan() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (c == '\\') {
                if (next != '\n' && next != '\0') {
                    out.append(String.valueOf(next)); // a backslash-newline only continues the line
                }
                pos += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                end = end < 0 ? text.length() : end;
                out.append(text.substring(pos + 1, end));
                pos = end + 1;
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '`' || (c == '$' && next == '(') || ((c == '<' || c == '>') && next == '(')) {
                substitution();
            } else if (c == '$' && next == '{') {
                int end = closing(pos + 1, '{', '}');
                out.append(text.substring(pos, Math.min(end + 1, text.length())));
                pos = end + 1;
            } else if (c == '#' && !out.inWord()) {
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? text.length() : end;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                out.endWord();
                pos++;
            } else if (c == '\n' || c == ';' || c == '|' || (c == '&' && next != '>')) {
                out.endCommand();
                pos += (c == '|' || c == '&') && next == c ? 2 : 1;
            } else if (c == '<' || c == '>' || c == '&') {
                redirection();
            } else if (c == '(') {
                openParenthesis();
            } else if (c == ')') {
                closeParenthesis();
            } else {
                out.append(String.valueOf(c));
                pos++;
            }
        }
        out.endCommand();
    }

    private void doubleQuoted() {
        out.append("");
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                out.append(String.valueOf(text.charAt(pos + 1)));
                pos += 2;
            } else if (c == '`' || (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '(')) {
                substitution();
            } else {
                out.append(String.valueOf(c));
                pos++;
            }
        }
        pos++;
    }

    /** $(...), `...` and <(...) run a script of their own; $((...)) is arithmetic and runs nothing. */
    private void substitution() {
        boolean backtick = text.charAt(pos) == '`';
        int open = backtick ? pos : pos + 1;
        int end = backtick ? text.indexOf('`', pos + 1) : closing(open, '(', ')');
        end = end < 0 ? text.length() : end;
        String inner = text.substring(open + 1, Math.min(end, text.length()));
        if (!(text.startsWith("$((", pos) && inner.startsWith("("))) {
            out.addAll(parse(inner));
        }
        out.append("$()");
        pos = end + 1;
    }

    /** <, >, >>, <>, >&, &>, <<<: the operator, then its file as the next word unless it names a descriptor (>&2). */
    private void redirection() {
        out.beforeRedirection();
        int start = pos;
        while (pos < text.length() && pos - start < 3 && "<>&|-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String operator = text.substring(start, pos);
        if (operator.endsWith("&") && pos < text.length() && Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        } else if (!operator.endsWith("&-")) {
            out.redirectTarget();
        }
    }

    /** name() starts a function definition; any other ( a subshell. */
    private void openParenthesis() {
        int after = pos + 1;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        if (after < text.length() && text.charAt(after) == ')' && out.defineFunction()) {
            pos = after + 1;
        } else {
            out.endCommand();
            subshells++;
            pos++;
        }
    }

    /** ) ends a subshell, or else the pattern of a case branch ("a|b) cmd;;"). */
    private void closeParenthesis() {
        if (subshells == 0) {
            out.dropWords();
        } else {
            subshells--;
        }
        out.endCommand();
        pos++;
    }

    /** The index of the character that closes the one at {@code open}, skipping single-quoted text. */
    private int closing(int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' && opening == '(') {
                int end = text.indexOf('\'', i + 1);
                i = end < 0 ? text.length() : end;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }
}
