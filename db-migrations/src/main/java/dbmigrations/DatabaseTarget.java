package dbmigrations;

import java.util.Map;

/** The database to migrate, from the DATABASE_* variables every service and job in the suite shares. */
record DatabaseTarget(Kind kind, String host, int port, String user, String password, String database) {

    static DatabaseTarget fromEnv(Map<String, String> env, Service service) {
        String kindName = value(env, "DATABASE_KIND", service.defaultKind().id());
        Kind kind = Kind.byId(kindName).orElseThrow(() -> new UsageException(
                "DATABASE_KIND must be mysql or postgres, not '" + kindName + "'"));
        String portText = value(env, "DATABASE_PORT", String.valueOf(kind.defaultPort()));
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new UsageException("DATABASE_PORT must be a number, not '" + portText + "'");
        }
        return new DatabaseTarget(kind,
                value(env, "DATABASE_HOST", "localhost"),
                port,
                value(env, "DATABASE_USER", kind.defaultUser()),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                value(env, "DATABASE_NAME", service.defaultDatabase()));
    }

    /** Empty counts as unset, as in users-api and hello-chain: compose passes a bare `.env` line as empty; the password is taken as given. */
    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    String jdbcUrl() {
        return kind.jdbcUrl(host, port, database);
    }

    /** Where, without the password: what every message names. */
    @Override
    public String toString() {
        return kind.id() + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
