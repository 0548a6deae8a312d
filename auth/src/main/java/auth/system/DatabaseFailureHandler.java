package auth.system;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database is down, unreachable or too slow: 503, so clients and load balancers retry elsewhere or later.
 * Any other database failure is a bug (bad SQL, a schema the code does not match): 500, logged in full.
 */
@Singleton
class DatabaseFailureHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailureHandler.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final Set<String> NOT_MIGRATED_YET = Set.of("42P01", "42S02");

    private final ErrorResponseProcessor<?> processor;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    DatabaseFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException failure) {
        if (!isUnavailable(failure)) {
            LOG.error("database call failed", failure);
            return processor.processResponse(ErrorContext.builder(request).errorMessage("internal error").build(),
                    HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
        }
        return unavailable(request, failure);
    }

    /**
     * Worth a retry: lost, refused or timed-out connections, transient server states (SQLState 08, 53, 57), and a
     * table that does not exist yet because the migrations have not run (42P01 on PostgreSQL, 42S02 on MySQL).
     */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57") || NOT_MIGRATED_YET.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    HttpResponse<?> unavailable(HttpRequest<?> request, RuntimeException failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        // One line per 10 s while the database is down, not one per request.
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("database unavailable: {}", failure.getMessage());
        }
        return processor.processResponse(ErrorContext.builder(request).cause(failure)
                .errorMessage("database unavailable, try again later").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
