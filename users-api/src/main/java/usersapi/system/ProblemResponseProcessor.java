package usersapi.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Every error the framework or this service answers (400, 404, 409, 413, 503...) becomes problem+json. */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = status.getReason();
        String field = null;
        if (context.hasErrors()) {
            Error error = context.getErrors().get(0);
            field = error.getPath().map(ProblemResponseProcessor::lastSegment).orElse(null);
            detail = field == null ? error.getMessage() : field + ": " + error.getMessage();
        }
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail, field);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /** Conversion errors name {@code /size}; the client knows the parameter as {@code size}. */
    private static String lastSegment(String path) {
        return path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf('/')) + 1);
    }
}
