package auth.system;

import dbmigrations.EmbeddedDatabases;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the service creates a schema: the embedded H2 demo database, which lives and dies with the process.
 * It gets db-migrations' own auth changelog with the demo account, so its schema is the one PostgreSQL gets from the job.
 */
@Singleton
@Requires(property = "datasources.default.dialect", value = "H2")
class EmbeddedDemoDatabase implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDemoDatabase.class);

    private final DataSource dataSource;

    EmbeddedDemoDatabase(DataSource dataSource, DataSourceResolver resolver) {
        // Liquibase commits as it goes, so it gets a plain pooled connection rather than a transaction's.
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            // Idempotent, because an in-memory database outlives an application context within one JVM (tests).
            EmbeddedDatabases.update(dataSource.getConnection(), "auth", "demo");
        } catch (Exception e) {
            throw new IllegalStateException("could not create the embedded demo database", e);
        }
        LOG.info("DATABASE_HOST is not set: using an embedded in-memory H2 database with the DEV ONLY demo account admin "
                + "(lost on exit); for PostgreSQL set DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD, "
                + "DATABASE_NAME and run db-migrations auth update first");
    }
}
