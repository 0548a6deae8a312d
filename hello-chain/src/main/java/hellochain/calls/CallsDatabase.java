package hellochain.calls;

import java.util.Map;

/** The optional PostgreSQL database (`chain`) for recorded calls, from DATABASE_*; no DATABASE_HOST, no datasource. */
public final class CallsDatabase {

    private CallsDatabase() {
    }

    public static Map<String, Object> properties(Map<String, String> env) {
        String host = value(env, "DATABASE_HOST", null);
        if (host == null) {
            return Map.of();
        }
        String kind = value(env, "DATABASE_KIND", "postgres");
        if (!kind.equals("postgres")) {
            throw new IllegalArgumentException("hello-chain records calls in PostgreSQL only; DATABASE_KIND is '" + kind + "'");
        }
        String port = value(env, "DATABASE_PORT", "5432");
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("DATABASE_PORT must be a number, not '" + port + "'");
        }
        // A small bounded pool that starts even when the database is down; the timeouts keep a dead database from
        // slowing a call by more than about a second.
        return Map.of(
                "datasources.default.maximum-pool-size", "5",
                "datasources.default.connection-timeout", "1000",
                "datasources.default.validation-timeout", "500",
                "datasources.default.initialization-fail-timeout", "-1",
                "datasources.default.url", "jdbc:postgresql://" + host + ":" + port + "/" + value(env, "DATABASE_NAME", "chain")
                        + "?connectTimeout=1&socketTimeout=2&ApplicationName=hello-chain",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.username", value(env, "DATABASE_USER", "chain"),
                "datasources.default.password", env.getOrDefault("DATABASE_PASSWORD", ""));
    }

    /** Empty counts as unset, as in users-api and db-migrations: compose passes a bare `.env` line as empty; the password is taken as given. */
    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
