package dbmigrations;

import java.util.Arrays;
import java.util.Optional;

/** A service that owns a database, with the defaults its compose service uses. */
enum Service {

    USERS_API("users-api", "users", Kind.MYSQL),
    HELLO_CHAIN("hello-chain", "chain", Kind.POSTGRES),
    AUTH("auth", "auth", Kind.POSTGRES);

    private final String id;
    private final String defaultDatabase;
    private final Kind defaultKind;

    Service(String id, String defaultDatabase, Kind defaultKind) {
        this.id = id;
        this.defaultDatabase = defaultDatabase;
        this.defaultKind = defaultKind;
    }

    static Optional<Service> byId(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst();
    }

    String id() {
        return id;
    }

    String defaultDatabase() {
        return defaultDatabase;
    }

    Kind defaultKind() {
        return defaultKind;
    }

    /** Each service has one master changelog; its includes are relative to it. */
    String changelog() {
        return "db/" + id + "/changelog.yaml";
    }
}
