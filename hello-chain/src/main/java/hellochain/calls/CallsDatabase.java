package hellochain.calls;

import java.util.Map;

/** The optional PostgreSQL database (`chain`) for recorded calls, from DATABASE_*; no DATABASE_HOST, no datasource. */
public final class CallsDatabase {

    private CallsDatabase() {
    }

    public static Map<String, Object> properties(Map<String, String> env) {
        String host = env.get("DATABASE_HOST");
        if (host == null || host.isBlank()) {
            return Map.of();
        }
        String kind = env.getOrDefault("DATABASE_KIND", "postgres");
        if (!kind.equals("postgres")) {
            throw new IllegalArgumentException("hello-chain records calls in PostgreSQL only; DATABASE_KIND is '" + kind + "'");
        }
        // A small bounded pool that starts even when the database is down; the timeouts keep a dead database from
        // slowing a call by more than about a second.
        return Map.of(
                "datasources.default.maximum-pool-size", "5",
                "datasources.default.connection-timeout", "1000",
                "datasources.default.validation-timeout", "500",
                "datasources.default.initialization-fail-timeout", "-1",
                "datasources.default.url", "jdbc:postgresql://" + host.trim() + ":" + env.getOrDefault("DATABASE_PORT", "5432") + "/"
                        + env.getOrDefault("DATABASE_NAME", "chain") + "?connectTimeout=1&socketTimeout=2&ApplicationName=hello-chain",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.username", env.getOrDefault("DATABASE_USER", "chain"),
                "datasources.default.password", env.getOrDefault("DATABASE_PASSWORD", ""));
    }
}
