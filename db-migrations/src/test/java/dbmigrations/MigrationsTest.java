package dbmigrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every changelog on both engines: update, rollback of each changeset, and update again. */
class MigrationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void updateCreatesUsersWithAUniqueEmail(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "migrations")) {
            assertEquals(0, Cli.run(db, "users-api", "update").exitCode());

            assertEquals(Set.of("id", "name", "email", "created_at"), columns(db, "users"));
            execute(db, "INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')");
            assertThrows(SQLException.class,
                    () -> execute(db, "INSERT INTO users (name, email) VALUES ('Other Ada', 'ada@example.com')"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM users"), "no demo rows without MIGRATIONS_CONTEXTS");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void rollsBackEachUsersChangesetAndReappliesThem(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "migrations")) {
            assertEquals(0, Cli.run(db, "users-api", "update").exitCode());

            assertEquals(0, Cli.run(db, "users-api", "rollback").exitCode());
            assertEquals(Set.of("id", "name", "email"), columns(db, "users"));

            assertEquals(0, Cli.run(db, "users-api", "rollback", "1").exitCode());
            assertEquals(Set.of(), columns(db, "users"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));

            assertEquals(0, Cli.run(db, "users-api", "update").exitCode());
            assertEquals(Set.of("id", "name", "email", "created_at"), columns(db, "users"));
            assertEquals(2, count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void demoContextAddsTheDemoUsersAndItsRollbackRemovesThem(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "migrations")) {
            var demo = Cli.with(db.env(), "MIGRATIONS_CONTEXTS", "demo");

            assertEquals(0, Cli.run(demo, "users-api", "update").exitCode());
            assertEquals(3, count(db, "SELECT COUNT(*) FROM users"));
            execute(db, "INSERT INTO users (name, email) VALUES ('Zoë Ünicode', 'zoe@example.com')");
            assertEquals("Zoë Ünicode", text(db, "SELECT name FROM users WHERE email = 'zoe@example.com'"));

            assertEquals(0, Cli.run(demo, "users-api", "rollback").exitCode());
            assertEquals(1, count(db, "SELECT COUNT(*) FROM users"), "only the demo rows are removed");
            assertEquals(Set.of("id", "name", "email", "created_at"), columns(db, "users"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void statusListsPendingChangesetsUntilTheyAreApplied(String kind) {
        try (TestDatabase db = TestDatabase.of(kind, "migrations")) {
            Cli before = Cli.run(db, "users-api", "status");
            assertEquals(0, before.exitCode(), before.err());
            assertTrue(before.out().contains("0001-create-users"), before.out());
            assertTrue(before.out().contains("0002-add-created-at"), before.out());

            Cli.run(db, "users-api", "update");
            Cli after = Cli.run(db, "users-api", "status");
            assertEquals(0, after.exitCode(), after.err());
            assertFalse(after.out().contains("0001-create-users"), after.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void helloChainCallsTableRollsBackAndReapplies(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "chain")) {
            assertEquals(0, Cli.run(db, "hello-chain", "update").exitCode());
            assertEquals(Set.of("id", "upstream", "status", "latency_ms", "at"), columns(db, "calls"));
            execute(db, "INSERT INTO calls (upstream, status, latency_ms) VALUES ('http://hello1402:1402', 200, 12)");

            assertEquals(0, Cli.run(db, "hello-chain", "rollback", "--allow-data-loss").exitCode());
            assertEquals(Set.of(), columns(db, "calls"));

            assertEquals(0, Cli.run(db, "hello-chain", "update").exitCode());
            assertEquals(0, count(db, "SELECT COUNT(*) FROM calls"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void authUpdateCreatesAccountsWithAUniqueCaseSensitiveUsernameAndNoDemoAccount(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "auth")) {
            assertEquals(0, Cli.run(db, "auth", "update").exitCode());

            assertEquals(Set.of("id", "username", "password_hash", "roles", "created_at"), columns(db, "accounts"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM accounts"), "no demo account without MIGRATIONS_CONTEXTS");
            execute(db, "INSERT INTO accounts (username, password_hash, roles) VALUES ('ada', 'x', 'users:write')");
            execute(db, "INSERT INTO accounts (username, password_hash, roles) VALUES ('Ada', 'x', '')");
            assertThrows(SQLException.class,
                    () -> execute(db, "INSERT INTO accounts (username, password_hash, roles) VALUES ('ada', 'y', '')"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM accounts WHERE username = 'ada'"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void authAccountsTableRollsBackAndReapplies(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "auth")) {
            assertEquals(0, Cli.run(db, "auth", "update").exitCode());

            assertEquals(0, Cli.run(db, "auth", "rollback").exitCode());
            assertEquals(Set.of(), columns(db, "accounts"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));

            assertEquals(0, Cli.run(db, "auth", "update").exitCode());
            assertEquals(Set.of("id", "username", "password_hash", "roles", "created_at"), columns(db, "accounts"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void authDemoContextAddsTheAdminWithABcryptHashAndItsRollbackRemovesOnlyIt(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "auth")) {
            var demo = Cli.with(db.env(), "MIGRATIONS_CONTEXTS", "demo");

            assertEquals(0, Cli.run(demo, "auth", "update").exitCode());
            assertEquals("users:write", text(db, "SELECT roles FROM accounts WHERE username = 'admin'"));
            String hash = text(db, "SELECT password_hash FROM accounts WHERE username = 'admin'");
            assertTrue(hash.matches("\\$2[aby]\\$(1\\d|[2-3]\\d)\\$.{53}"), "not a BCrypt hash of cost 10 or more: " + hash);
            assertFalse(hash.contains("admin-dev-only"));
            execute(db, "INSERT INTO accounts (username, password_hash, roles) VALUES ('ada', 'x', '')");

            assertEquals(0, Cli.run(demo, "auth", "rollback").exitCode());
            assertEquals(0, count(db, "SELECT COUNT(*) FROM accounts WHERE username = 'admin'"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM accounts"), "only the demo account is removed");

            assertEquals(0, Cli.run(demo, "auth", "update").exitCode());
            assertEquals(2, count(db, "SELECT COUNT(*) FROM accounts"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "postgres"})
    void authRollbackRefusesToDropAccountsThatHoldRows(String kind) throws SQLException {
        try (TestDatabase db = TestDatabase.of(kind, "auth")) {
            assertEquals(0, Cli.run(db, "auth", "update").exitCode());
            execute(db, "INSERT INTO accounts (username, password_hash, roles) VALUES ('ada', 'x', '')");

            Cli cli = Cli.run(db, "auth", "rollback");
            assertEquals(Main.FAILED, cli.exitCode());
            assertTrue(cli.err().contains("0001-create-accounts drops table accounts, which still holds rows"), cli.err());
            assertEquals(1, count(db, "SELECT COUNT(*) FROM accounts"));
        }
    }

    static Set<String> columns(TestDatabase db, String table) throws SQLException {
        try (Connection connection = db.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            Set<String> names = new HashSet<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), null, table, null)) {
                while (rs.next()) {
                    names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        return Long.parseLong(text(db, sql));
    }

    static String text(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
