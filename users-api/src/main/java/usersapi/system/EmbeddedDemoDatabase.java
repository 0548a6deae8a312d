package usersapi.system;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the service creates a schema: the embedded H2 demo database, which lives and dies with the
 * process. MySQL and PostgreSQL get theirs only from db-migrations.
 */
@Singleton
@Requires(property = "datasources.default.dialect", value = "H2")
class EmbeddedDemoDatabase implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDemoDatabase.class);

    private final DataSource dataSource;

    EmbeddedDemoDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Transactional
    public void onApplicationEvent(StartupEvent event) {
        // The injected DataSource hands out the transaction's connection; closing it is left to the transaction.
        try (Statement statement = dataSource.getConnection().createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:h2/demo-users.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the embedded demo database", e);
        }
        LOG.info("DATABASE_HOST is not set: using an embedded in-memory H2 database with 3 demo users (lost on exit); "
                + "for MySQL or PostgreSQL set DATABASE_HOST, DATABASE_KIND=mysql|postgres, DATABASE_PORT, DATABASE_USER, "
                + "DATABASE_PASSWORD, DATABASE_NAME and run db-migrations first");
    }
}
