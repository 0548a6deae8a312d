package auth.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A 400 that names the request field, as the client spelled it ({@code password}, not {@code login.credentials.password}). */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<ConstraintViolation<?>> violations = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ConstraintViolationHandler::field))
                .toList();
        String detail = violations.stream()
                .map(violation -> field(violation) + ": " + violation.getMessage())
                .collect(Collectors.joining("; "));
        String field = violations.isEmpty() ? null : field(violations.get(0));
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST)
                .contentType(Problem.MEDIA_TYPE)
                .body(new Problem("about:blank", "Bad Request", 400, detail, field));
    }

    private static String field(ConstraintViolation<?> violation) {
        String last = "";
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
        }
        return last;
    }
}
