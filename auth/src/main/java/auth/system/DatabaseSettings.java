package auth.system;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The DATABASE_* variables, turned into the datasource Micronaut Data uses. With DATABASE_HOST unset the
 * service runs on an embedded H2 database with the demo account, so {@code java -jar auth.jar} works on any machine.
 */
public record DatabaseSettings(String kind, String host, int port, String user, String password, String name) {

    public static final String H2 = "h2";

    public static DatabaseSettings fromEnv(Map<String, String> env) {
        String host = value(env, "DATABASE_HOST", null);
        if (host == null) {
            return new DatabaseSettings(H2, "", 0, "sa", "", "auth");
        }
        String kind = value(env, "DATABASE_KIND", "postgres").toLowerCase(Locale.ROOT);
        if (!kind.equals("mysql") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("DATABASE_KIND must be postgres or mysql, not '" + kind + "'");
        }
        String port = value(env, "DATABASE_PORT", kind.equals("mysql") ? "3306" : "5432");
        try {
            return new DatabaseSettings(kind, host, Integer.parseInt(port), value(env, "DATABASE_USER", "auth"),
                    env.getOrDefault("DATABASE_PASSWORD", ""), value(env, "DATABASE_NAME", "auth"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DATABASE_PORT must be a number, not '" + port + "'");
        }
    }

    public boolean embedded() {
        return H2.equals(kind);
    }

    /**
     * Connect, login and socket timeouts of 1 s (PostgreSQL's driver counts them in whole seconds) and the pool's bounded
     * wait (application.yml): a login against a database that stopped answering fails within about 2 s.
     */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", switch (kind) {
                    case "mysql" -> "jdbc:mysql://" + host + ":" + port + "/" + name + "?connectTimeout=1000&socketTimeout=1000";
                    case "postgres" -> "jdbc:postgresql://" + host + ":" + port + "/" + name
                            + "?connectTimeout=1&loginTimeout=1&socketTimeout=1&ApplicationName=auth";
                    default -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                },
                "datasources.default.driver-class-name", switch (kind) {
                    case "mysql" -> "com.mysql.cj.jdbc.Driver";
                    case "postgres" -> "org.postgresql.Driver";
                    default -> "org.h2.Driver";
                },
                "datasources.default.dialect", kind.equals("mysql") ? "MYSQL" : kind.toUpperCase(Locale.ROOT),
                "datasources.default.username", user,
                "datasources.default.password", password));
        if (embedded()) {
            // In-memory H2 cannot hang, and its first connection at start can take over the pool's 0.5 s on a busy machine.
            properties.put("datasources.default.connection-timeout", 5000);
        }
        return properties;
    }

    @Override
    public String toString() {
        return embedded() ? "embedded H2" : kind + "://" + user + "@" + host + ":" + port + "/" + name;
    }

    /** Empty counts as unset, as in the other services: compose passes a bare `.env` line as empty; the password is taken as given. */
    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
