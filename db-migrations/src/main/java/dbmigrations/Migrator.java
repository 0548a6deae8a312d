package dbmigrations;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.ReleaseLocksCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.StatusCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Runs one Liquibase command for one service against one database. */
final class Migrator {

    static final int LOGIN_TIMEOUT_SECONDS = 10;

    // Held so the level survives: Liquibase's own INFO logging would bury the one line that matters.
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final Command command;
    private final DatabaseTarget target;
    private final String contexts;
    private final PrintStream out;
    private final PrintStream err;

    Migrator(Command command, DatabaseTarget target, String contexts, PrintStream out, PrintStream err) {
        this.command = command;
        this.target = target;
        this.contexts = contexts;
        this.out = out;
        this.err = err;
    }

    void run() throws Exception {
        Connection connection = connect();
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try {
            // Released with the session when the database is closed below.
            RunLock.acquire(connection, target.kind(), target.database());
            Scope.child(settings(), () -> run(database));
        } finally {
            database.close();
        }
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    /** Liquibase's settings for every run, the command line's and an embedded database's. */
    static Map<String, Object> settings() {
        return Map.of(
                // No phoning home from a migration job.
                AnalyticsArgs.ENABLED.getKey(), false,
                GlobalConfiguration.SHOW_BANNER.getKey(), false,
                // Runs are serialised by RunLock, under which a changelog lock found set is released as stale: nothing to wait for.
                GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), 1L,
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrator.class.getClassLoader()));
    }

    private void run(Database database) throws Exception {
        String changelog = command.service().changelog();
        switch (command.action()) {
            case UPDATE -> {
                StaleChangelogLock.release(database, err);
                update(database, changelog, contexts, out);
            }
            case ROLLBACK -> {
                StaleChangelogLock.release(database, err);
                guardData(database, changelog);
                new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                        .addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", changelog)
                        .addArgumentValue("contexts", contexts)
                        .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, command.count())
                        .setOutput(out)
                        .execute();
            }
            case STATUS -> new CommandScope(StatusCommandStep.COMMAND_NAME)
                    .addArgumentValue("database", database)
                    .addArgumentValue("changelogFile", changelog)
                    .addArgumentValue("contexts", contexts)
                    .addArgumentValue(StatusCommandStep.VERBOSE_ARG, true)
                    .setOutput(out)
                    .execute();
            case RELEASE_LOCKS -> new CommandScope(ReleaseLocksCommandStep.COMMAND_NAME)
                    .addArgumentValue("database", database)
                    .setOutput(out)
                    .execute();
        }
    }

    /** Rolling back once too often must not drop a table with its rows: that takes --allow-data-loss, for this one run. */
    private void guardData(Database database, String changelog) throws Exception {
        List<String> losses = DataLossGuard.tablesWithRows(database, changelog, contexts, command.count());
        if (losses.isEmpty()) {
            return;
        }
        String what = String.join(", ", losses);
        if (!command.allowDataLoss()) {
            throw new DataLossRefused("refusing to roll back: " + what + ", which still holds rows; back them up, "
                    + "then run again with " + Command.ALLOW_DATA_LOSS + " to drop them");
        }
        err.println("db-migrations: WARN " + Command.ALLOW_DATA_LOSS + ": " + what + " with its rows");
    }

    static void update(Database database, String changelog, String contexts, PrintStream out) throws Exception {
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue("database", database)
                .addArgumentValue("changelogFile", changelog)
                .addArgumentValue("contexts", contexts)
                .setOutput(out)
                .execute();
    }
}
