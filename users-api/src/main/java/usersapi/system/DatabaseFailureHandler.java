package usersapi.system;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database is down, unreachable or too slow: 503, so clients and load balancers retry elsewhere or later. */
@Singleton
class DatabaseFailureHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailureHandler.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final ErrorResponseProcessor<?> processor;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    DatabaseFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException failure) {
        return unavailable(request, failure);
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
