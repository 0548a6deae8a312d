package auth.login;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The two answers of a failed login, as problem+json like every other error of the service. */
final class LoginFailureHandlers {

    private LoginFailureHandlers() {
    }

    /** 401, with one body for an unknown username and a wrong password. */
    @Singleton
    static class Wrong implements ExceptionHandler<WrongCredentials, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Wrong(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, WrongCredentials failure) {
            return processor.processResponse(ErrorContext.builder(request).errorMessage(failure.getMessage()).build(),
                    HttpResponse.status(HttpStatus.UNAUTHORIZED));
        }
    }

    /** 429, with the seconds until the block ends in Retry-After. */
    @Singleton
    static class Throttled implements ExceptionHandler<LoginsThrottled, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> processor;

        Throttled(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, LoginsThrottled failure) {
            return processor.processResponse(ErrorContext.builder(request).errorMessage(failure.getMessage()).build(),
                    HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                            .header(HttpHeaders.RETRY_AFTER, String.valueOf(failure.retryAfterSeconds())));
        }
    }
}
