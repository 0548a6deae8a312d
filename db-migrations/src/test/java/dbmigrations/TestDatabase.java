package dbmigrations;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh, empty database of its own on a test server, dropped on close, so test runs never share state. */
public record TestDatabase(String kind, String host, int port, String user, String password, String name)
        implements AutoCloseable {

    public static TestDatabase mysql(String prefix) {
        return create("mysql", TestServers.mysql(), prefix);
    }

    public static TestDatabase postgres(String prefix) {
        return create("postgres", TestServers.postgres(), prefix);
    }

    public static TestDatabase of(String kind, String prefix) {
        return "postgres".equals(kind) ? postgres(prefix) : mysql(prefix);
    }

    private static TestDatabase create(String kind, URI server, String prefix) {
        String userInfo = server.getUserInfo() == null ? "" : server.getUserInfo();
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase database = new TestDatabase(kind, server.getHost(), server.getPort(), user, password, name);
        database.onServer("mysql".equals(kind)
                ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                : "CREATE DATABASE " + name);
        return database;
    }

    /** The DATABASE_* variables a service or the migration job would get. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_KIND", kind);
        env.put("DATABASE_HOST", host);
        env.put("DATABASE_PORT", String.valueOf(port));
        env.put("DATABASE_USER", user);
        env.put("DATABASE_PASSWORD", password);
        env.put("DATABASE_NAME", name);
        return env;
    }

    public String jdbcUrl() {
        return "jdbc:" + ("mysql".equals(kind) ? "mysql" : "postgresql") + "://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Runs db-migrations in-process, as the job would, and fails the test if it fails. */
    public void migrate(String service, String... command) {
        List<String> args = new ArrayList<>(List.of(service));
        args.addAll(List.of(command));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env(), new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true));
        if (code != 0) {
            throw new AssertionError("db-migrations " + args + " exited " + code + ": " + err);
        }
    }

    @Override
    public void close() {
        // FORCE ends connections a test's pool may still hold.
        onServer("mysql".equals(kind) ? "DROP DATABASE IF EXISTS " + name : "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void onServer(String sql) {
        String url = "mysql".equals(kind)
                ? "jdbc:mysql://" + host + ":" + port + "/"
                : "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + kind + "://" + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
