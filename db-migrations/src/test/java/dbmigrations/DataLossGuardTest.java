package dbmigrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rollback run once too often must not drop a table with its rows, unless the operator says so for that run. */
class DataLossGuardTest {

    private static final Set<String> USERS_COLUMNS = Set.of("id", "name", "email", "created_at");

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void refusesTheSecondRollbackWhileUsersHoldsRows(String kind) throws SQLException {
        try (TestDatabase db = withTwoUsers(kind)) {
            assertEquals(0, Cli.run(db, "users-api", "rollback").exitCode(), "the first undoes created_at, which drops no table");

            Cli second = Cli.run(db, "users-api", "rollback");

            assertEquals(Main.FAILED, second.exitCode());
            assertTrue(second.err().contains("users-api rollback failed: refusing to roll back: 0001-create-users drops "
                    + "table users, which still holds rows; back them up, then run again with --allow-data-loss"), second.err());
            assertEquals(2, MigrationsTest.count(db, "SELECT COUNT(*) FROM users"));
            assertEquals(1, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void refusesACountThatReachesTheTableBeforeUndoingAnything(String kind) throws SQLException {
        try (TestDatabase db = withTwoUsers(kind)) {
            Cli cli = Cli.run(db, "users-api", "rollback", "2");

            assertEquals(Main.FAILED, cli.exitCode());
            assertTrue(cli.err().contains("0001-create-users drops table users, which still holds rows"), cli.err());
            assertEquals(USERS_COLUMNS, MigrationsTest.columns(db, "users"));
            assertEquals(2, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void dropsATableWithRowsWhenTheRunAllowsDataLossAndSaysSo(String kind) throws SQLException {
        try (TestDatabase db = withTwoUsers(kind)) {
            Cli cli = Cli.run(db, "users-api", "rollback", "2", "--allow-data-loss");

            assertEquals(0, cli.exitCode(), cli.err());
            assertTrue(cli.err().contains("WARN --allow-data-loss: 0001-create-users drops table users with its rows"), cli.err());
            assertEquals(Set.of(), MigrationsTest.columns(db, "users"));
            assertEquals(0, MigrationsTest.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void dropsAnEmptyTableWithoutTheFlag(String kind) throws SQLException {
        try (TestDatabase db = withTwoUsers(kind)) {
            MigrationsTest.execute(db, "DELETE FROM users");

            Cli cli = Cli.run(db, "users-api", "rollback", "2");

            assertEquals(0, cli.exitCode(), cli.err());
            assertEquals("", cli.err());
            assertEquals(Set.of(), MigrationsTest.columns(db, "users"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void protectsHelloChainsCallsToo(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "guard")) {
            assertEquals(0, Cli.run(db, "hello-chain", "update").exitCode());
            MigrationsTest.execute(db, "INSERT INTO calls (upstream, status, latency_ms) VALUES ('http://hello1402:1402', 200, 12)");

            Cli cli = Cli.run(db, "hello-chain", "rollback");

            assertEquals(Main.FAILED, cli.exitCode());
            assertTrue(cli.err().contains("0001-create-calls drops table calls, which still holds rows"), cli.err());
            assertEquals(1, MigrationsTest.count(db, "SELECT COUNT(*) FROM calls"));
        }
    }

    private static TestDatabase withTwoUsers(String kind) throws SQLException {
        TestDatabase db = TestDatabase.of(kind, "guard");
        assertEquals(0, Cli.run(db, "users-api", "update").exitCode());
        MigrationsTest.execute(db, "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), ('Alan', 'alan@example.com')");
        return db;
    }
}
