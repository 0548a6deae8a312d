package auth.system;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The pool found no connection in time (the database is down or saturated): a plain RuntimeException, also a 503. */
@Singleton
class NoConnectionHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {

    private final DatabaseFailureHandler database;

    NoConnectionHandler(DatabaseFailureHandler database) {
        this.database = database;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException failure) {
        return database.unavailable(request, failure);
    }
}
