package usersapi.users;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

@Singleton
class DuplicateEmailHandler implements ExceptionHandler<DuplicateEmail, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    DuplicateEmailHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DuplicateEmail duplicate) {
        return processor.processResponse(ErrorContext.builder(request).cause(duplicate)
                .error(new FieldError("email", duplicate.getMessage())).build(), HttpResponse.status(HttpStatus.CONFLICT));
    }

    private record FieldError(String field, String message) implements Error {

        @Override
        public Optional<String> getPath() {
            return Optional.of(field);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
