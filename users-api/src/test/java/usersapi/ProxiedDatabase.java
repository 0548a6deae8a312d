package usersapi;

import dbmigrations.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A fresh, migrated database that the service reaches only through a proxy the test can cut or hang. */
public final class ProxiedDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final TcpProxy proxy;
    private String role;

    private ProxiedDatabase(TestDatabase database, TcpProxy proxy) {
        this.database = database;
        this.proxy = proxy;
    }

    public static ProxiedDatabase postgres(String prefix) {
        return of("postgres", prefix);
    }

    /** kind: mysql or postgres. */
    public static ProxiedDatabase of(String kind, String prefix) {
        TestDatabase database = TestDatabase.of(kind, prefix);
        database.migrate("users-api", "update");
        try {
            return new ProxiedDatabase(database, new TcpProxy(database.host(), database.port()));
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        }
    }

    /** DATABASE_* pointing at the proxy rather than the server. */
    public Map<String, String> env() {
        Map<String, String> env = database.env();
        env.put("DATABASE_HOST", "127.0.0.1");
        env.put("DATABASE_PORT", String.valueOf(proxy.port()));
        return env;
    }

    /** env() as a login role of this database's own, whose password the server checks (unless it trusts everyone). */
    public Map<String, String> envWithPassword(String password) {
        role = database.name() + "_app";
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("GRANT USAGE ON SCHEMA public TO " + role);
            statement.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role);
            statement.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + role, e);
        }
        Map<String, String> env = env();
        env.put("DATABASE_USER", role);
        env.put("DATABASE_PASSWORD", password);
        return env;
    }

    public void cut() {
        proxy.cut();
    }

    /** The connections stay open but nothing comes back, as from a hung server. */
    public void hang() {
        proxy.hang();
    }

    public void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.close();
        database.close();
        if (role != null) {
            // The role's grants went with the database, so it can be dropped now.
            String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, database.user(), database.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop role " + role, e);
            }
        }
    }
}
