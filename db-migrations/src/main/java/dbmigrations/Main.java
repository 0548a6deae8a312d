package dbmigrations;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code java -jar db-migrations.jar <service> <update|rollback|status|release-locks> [count] [--allow-data-loss]}; exit 0 on success. */
public final class Main {

    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** The whole command line, callable in-process (the services' tests use it to build their schema). */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Command command;
        DatabaseTarget target;
        try {
            command = Command.parse(args);
            target = DatabaseTarget.fromEnv(env, command.service());
        } catch (UsageException e) {
            err.println("db-migrations: " + e.getMessage());
            return USAGE;
        }
        String what = command.service().id() + " " + command.actionName();
        try {
            new Migrator(command, target, contexts(env), out, err).run();
            out.println("db-migrations: " + what + " done on " + target);
            return 0;
        } catch (Exception e) {
            err.println("db-migrations: " + what + " failed: " + Failure.describe(e, command, target));
            return FAILED;
        }
    }

    /** Liquibase runs every context when none is given; "default" keeps the demo rows out unless asked for. */
    private static String contexts(Map<String, String> env) {
        String contexts = env.get("MIGRATIONS_CONTEXTS");
        return contexts == null || contexts.isBlank() ? "default" : contexts;
    }
}
