package usersapi.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** A token without {@code exp} would never expire; the library's expiry check passes it, so this one refuses it. */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
class ExpiryRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return claims.get(Claims.EXPIRATION_TIME) != null;
    }
}
