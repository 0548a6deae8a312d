package hellochain;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
@Requires(classes = {UpstreamFailure.class, ExceptionHandler.class})
class UpstreamFailureHandler implements ExceptionHandler<UpstreamFailure, HttpResponse<UpstreamError>> {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFailureHandler.class);

    @Override
    public HttpResponse<UpstreamError> handle(HttpRequest request, UpstreamFailure failure) {
        Throwable cause = failure.getCause();
        LOG.warn("{} {}: {}{}", failure.upstream(), failure.status().getCode(), failure.getMessage(),
                cause == null ? "" : " (" + cause.getMessage() + ")");
        return HttpResponse.<UpstreamError>status(failure.status())
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(UpstreamError.of(failure));
    }
}
