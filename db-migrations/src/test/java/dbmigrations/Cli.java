package dbmigrations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line, with what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Cli run(TestDatabase database, String... args) {
        return run(database.env(), args);
    }

    static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
