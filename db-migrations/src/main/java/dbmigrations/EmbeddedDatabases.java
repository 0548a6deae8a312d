package dbmigrations;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;

/**
 * A service's changelog applied in-process to a database that lives and dies with the service: users-api's and auth's
 * embedded H2, which so get the very schema that MySQL and PostgreSQL get from the job.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    /** Applies the pending changesets of {@code service}'s changelog in {@code contexts}, then closes the connection. */
    public static void update(Connection connection, String service, String contexts) throws Exception {
        String changelog = Service.byId(service)
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + service + "'")).changelog();
        Map<String, Object> scope = new HashMap<>(Migrator.settings());
        // Liquibase's console lines would break the service's log, one JSON event a line; its log stays at WARNING.
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try {
            // No run lock: nothing outside this process can reach its embedded database.
            Scope.child(scope, () -> Migrator.update(database, changelog, contexts, new PrintStream(OutputStream.nullOutputStream())));
        } finally {
            database.close();
        }
    }
}
