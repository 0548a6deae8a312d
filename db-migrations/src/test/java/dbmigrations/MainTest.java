package dbmigrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract other tools rely on: exit codes and one-line causes. */
class MainTest {

    @Test
    void rejectsAnUnknownServiceWithUsage() {
        Cli cli = Cli.run(Map.of(), "orders", "update");

        assertEquals(Main.USAGE, cli.exitCode());
        assertOneLine(cli.err(), "unknown service 'orders'");
    }

    @Test
    void rejectsACountThatIsNotAPositiveNumber() {
        assertEquals(Main.USAGE, Cli.run(Map.of(), "users-api", "rollback", "0").exitCode());
        assertEquals(Main.USAGE, Cli.run(Map.of(), "users-api", "rollback", "all").exitCode());
        assertEquals(Main.USAGE, Cli.run(Map.of(), "users-api", "update", "2").exitCode());
    }

    @Test
    void rejectsAllowDataLossOutsideRollback() {
        Cli cli = Cli.run(Map.of(), "users-api", "update", "--allow-data-loss");

        assertEquals(Main.USAGE, cli.exitCode());
        assertOneLine(cli.err(), "only rollback takes --allow-data-loss");
    }

    @Test
    void rejectsAnUnknownDatabaseKind() {
        Cli cli = Cli.run(Map.of("DATABASE_KIND", "oracle"), "users-api", "update");

        assertEquals(Main.USAGE, cli.exitCode());
        assertOneLine(cli.err(), "DATABASE_KIND must be mysql or postgres");
    }

    @Test
    void reportsAnUnreachableHost() throws IOException {
        Cli cli = Cli.run(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", String.valueOf(closedPort())),
                "users-api", "update");

        assertEquals(Main.FAILED, cli.exitCode());
        assertOneLine(cli.err(), "cannot reach mysql://root@127.0.0.1:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void reportsBadCredentials(String kind) {
        try (TestDatabase db = TestDatabase.of(kind, "cli")) {
            Cli cli = Cli.run(Cli.with(db.env(), "DATABASE_USER", "no_such_user"), "users-api", "update");

            assertEquals(Main.FAILED, cli.exitCode());
            assertOneLine(cli.err(), "bad credentials for " + kind + "://no_such_user@");
        }
    }

    @ParameterizedTest
    @CsvSource({"mysql, update, 2", "postgres, update, 2", "mysql, rollback, 0", "postgres, rollback, 0"})
    void releasesTheLockOfARunKilledMidwayWithAWarningAndCarriesOn(String kind, String command, long applied)
            throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "cli")) {
            killedRunAfterItsFirstChangeset(db, kind);

            Cli cli = Cli.run(db, "users-api", command);

            assertEquals(0, cli.exitCode(), cli.err());
            assertOneLine(cli.err(), "WARN released a stale changelog lock held by killed-run (10.0.0.9) since ");
            assertEquals(applied, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
            assertEquals(0, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = " + yes(kind)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void concurrentRunsBothSucceedApplyEachChangesetOnceAndNeverTakeALiveLockForStale(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "cli")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<CompletableFuture<Cli>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> Cli.run(db, "users-api", "update"), pool));
            }
            List<Cli> results = runs.stream().map(CompletableFuture::join).toList();
            pool.shutdown();

            results.forEach(cli -> assertEquals(0, cli.exitCode(), cli.err()));
            results.forEach(cli -> assertEquals("", cli.err(), "the second run waits for the first instead"));
            assertEquals(2, MigrationsTest.count(db, "SELECT COUNT(DISTINCT ID) FROM DATABASECHANGELOG"));
            assertEquals(2, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    /** The state a run killed after its first changeset leaves: that changeset applied, Liquibase's lock row still set. */
    private static void killedRunAfterItsFirstChangeset(TestDatabase db, String kind) throws SQLException {
        assertEquals(0, Cli.run(db, "users-api", "update").exitCode());
        assertEquals(0, Cli.run(db, "users-api", "rollback").exitCode());
        MigrationsTest.execute(db, "UPDATE DATABASECHANGELOGLOCK SET LOCKED = " + yes(kind)
                + ", LOCKGRANTED = CURRENT_TIMESTAMP, LOCKEDBY = 'killed-run (10.0.0.9)' WHERE ID = 1");
    }

    private static String yes(String kind) {
        return "mysql".equals(kind) ? "1" : "TRUE";
    }

    private static void assertOneLine(String err, String expected) {
        String line = err.strip();
        assertTrue(line.contains(expected), err);
        assertEquals(-1, line.indexOf('\n'), "one line: " + err);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
