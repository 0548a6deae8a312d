package usersapi.system;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether the database answers, in the shape of a health endpoint, for dashboards and people. It is not part of
 * {@code /health/readiness}: without its database this service still answers, with 503s and cached reads, so the
 * database must not take it out of its Service (README.md, Readiness). Micronaut counts every health indicator
 * that is not a liveness one towards readiness, hence an endpoint of its own rather than an indicator.
 */
@Controller("/health/database")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class DatabaseHealthController {

    private static final int VALID_SECONDS = 1;

    private final DataSource dataSource;

    DatabaseHealthController(DataSource dataSource, DataSourceResolver resolver) {
        // A pooled connection of its own, outside any transaction.
        this.dataSource = resolver.resolve(dataSource);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, String>> state() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALID_SECONDS)) {
                return HttpResponse.ok(Map.of("status", "UP"));
            }
        } catch (SQLException e) {
            // DOWN is the answer; requests that fail meanwhile log the cause (DatabaseFailureHandler).
        }
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
    }
}
