package auth.system;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A pooled connection that died with the database fails here, outside DataAccessException: also a 503. */
@Singleton
class ConnectionFailureHandler implements ExceptionHandler<ConnectionException, HttpResponse<?>> {

    private final DatabaseFailureHandler database;

    ConnectionFailureHandler(DatabaseFailureHandler database) {
        this.database = database;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConnectionException failure) {
        return database.unavailable(request, failure);
    }
}
