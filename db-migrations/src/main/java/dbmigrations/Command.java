package dbmigrations;

import java.util.List;
import java.util.Locale;

/** One parsed command line: {@code <service> <update|rollback|status|release-locks> [count] [--allow-data-loss]}. */
record Command(Service service, Action action, int count, boolean allowDataLoss) {

    enum Action { UPDATE, ROLLBACK, STATUS, RELEASE_LOCKS }

    static final String ALLOW_DATA_LOSS = "--allow-data-loss";
    static final String USAGE = "usage: java -jar db-migrations.jar <users-api|hello-chain|auth> "
            + "<update|rollback|status|release-locks> [count] [" + ALLOW_DATA_LOSS + "]";

    static Command parse(List<String> commandLine) {
        boolean allowDataLoss = commandLine.contains(ALLOW_DATA_LOSS);
        List<String> args = commandLine.stream().filter(arg -> !arg.equals(ALLOW_DATA_LOSS)).toList();
        if (args.size() < 2 || args.size() > 3) {
            throw new UsageException(USAGE);
        }
        Service service = Service.byId(args.get(0))
                .orElseThrow(() -> new UsageException("unknown service '" + args.get(0) + "'; " + USAGE));
        Action action = switch (args.get(1)) {
            case "update" -> Action.UPDATE;
            case "rollback" -> Action.ROLLBACK;
            case "status" -> Action.STATUS;
            case "release-locks" -> Action.RELEASE_LOCKS;
            default -> throw new UsageException("unknown command '" + args.get(1) + "'; " + USAGE);
        };
        if (args.size() == 3 && action != Action.ROLLBACK) {
            throw new UsageException("only rollback takes a count; " + USAGE);
        }
        if (allowDataLoss && action != Action.ROLLBACK) {
            throw new UsageException("only rollback takes " + ALLOW_DATA_LOSS + "; " + USAGE);
        }
        return new Command(service, action, args.size() == 3 ? count(args.get(2)) : 1, allowDataLoss);
    }

    /** As typed: {@code rollback}, {@code release-locks}. */
    String actionName() {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int count(String text) {
        try {
            int count = Integer.parseInt(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("count must be a whole number of at least 1, not '" + text + "'");
    }
}
