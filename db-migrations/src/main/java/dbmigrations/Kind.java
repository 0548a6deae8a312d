package dbmigrations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The database engines the changelogs run on; MariaDB speaks the MySQL protocol. */
enum Kind {

    MYSQL("mysql", 3306, "root"),
    POSTGRES("postgres", 5432, "postgres");

    private final String id;
    private final int defaultPort;
    private final String defaultUser;

    Kind(String id, int defaultPort, String defaultUser) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.defaultUser = defaultUser;
    }

    static Optional<Kind> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.id.equals(wanted)).findFirst();
    }

    String id() {
        return id;
    }

    int defaultPort() {
        return defaultPort;
    }

    String defaultUser() {
        return defaultUser;
    }

    /** Bounded connect and socket timeouts, so an unreachable or hung server fails the job instead of hanging it. */
    String jdbcUrl(String host, int port, String database) {
        return switch (this) {
            case MYSQL -> "jdbc:mysql://" + host + ":" + port + "/" + database
                    + "?connectTimeout=5000&socketTimeout=300000";
            case POSTGRES -> "jdbc:postgresql://" + host + ":" + port + "/" + database
                    + "?connectTimeout=5&socketTimeout=300&ApplicationName=db-migrations";
        };
    }
}
