package usersapi.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A refused request as problem+json with an RFC 6750 challenge: 401 {@code Bearer} without a token, 401
 * {@code Bearer error="invalid_token"} with one that does not validate, 403 {@code insufficient_scope} without the role.
 * The detail never says why a token failed, nor echoes it.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
@Replaces(DefaultAuthorizationExceptionHandler.class)
class BearerChallenge implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    private static final String BEARER = "Bearer";

    private final ErrorResponseProcessor<?> processor;

    BearerChallenge(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException refused) {
        if (refused.isForbidden()) {
            return problem(request, HttpStatus.FORBIDDEN, BEARER + " error=\"insufficient_scope\"",
                    "the token does not grant the role this request needs");
        }
        if (hasBearerToken(request)) {
            return problem(request, HttpStatus.UNAUTHORIZED, BEARER + " error=\"invalid_token\"",
                    "the bearer token is not valid");
        }
        return problem(request, HttpStatus.UNAUTHORIZED, BEARER, "this request needs a bearer token");
    }

    private HttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String challenge, String detail) {
        return processor.processResponse(ErrorContext.builder(request).errorMessage(detail).build(),
                HttpResponse.status(status).header(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    private static boolean hasBearerToken(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, BEARER + " ", 0, BEARER.length() + 1))
                .isPresent();
    }
}
