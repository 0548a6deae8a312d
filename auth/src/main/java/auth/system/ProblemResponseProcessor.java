package auth.system;

import com.fasterxml.jackson.core.JacksonException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every error the framework or this service answers (400, 401, 404, 405, 413, 429...) becomes problem+json. */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = status.getReason();
        String field = null;
        Throwable json = status == HttpStatus.BAD_REQUEST ? jsonFailure(context.getRootCause().orElse(null)) : null;
        if (json != null) {
            detail = "the body is not the expected JSON" + where(json.getMessage());
        } else if (context.hasErrors()) {
            Error error = context.getErrors().get(0);
            field = error.getPath().map(ProblemResponseProcessor::lastSegment).orElse(null);
            detail = field == null ? error.getMessage() : field + ": " + error.getMessage();
        }
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail, field);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /** The parser's own message names internal types and settings; the client needs only where its JSON went wrong. */
    private static Throwable jsonFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException || t instanceof SerdeException) {
                return t;
            }
        }
        return null;
    }

    private static String where(String parserMessage) {
        Matcher at = LOCATION.matcher(String.valueOf(parserMessage));
        return at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "";
    }

    /** Conversion errors name {@code /size}; the client knows the parameter as {@code size}. */
    private static String lastSegment(String path) {
        return path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf('/')) + 1);
    }
}
