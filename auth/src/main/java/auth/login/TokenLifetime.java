package auth.login;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.AccessTokenConfigurationProperties;
import jakarta.inject.Singleton;

/** Micronaut Security counts the token's lifetime in whole seconds; AUTH_TOKEN_TTL is a duration, so it is converted here. */
@Singleton
@Replaces(AccessTokenConfigurationProperties.class)
class TokenLifetime implements AccessTokenConfiguration {

    private final int seconds;

    TokenLifetime(TokenSettings settings) {
        long seconds = settings.ttl().toSeconds();
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("AUTH_TOKEN_TTL must be at least 1s, not " + settings.ttl());
        }
        this.seconds = (int) seconds;
    }

    @Override
    public Integer getExpiration() {
        return seconds;
    }
}
