package auth.login;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code ttl}: how long an access token is valid (AUTH_TOKEN_TTL, a Micronaut duration such as 15m or 90s);
 * {@code issuer}: its iss claim (AUTH_ISSUER), which the services that check tokens expect.
 */
@ConfigurationProperties("auth.token")
record TokenSettings(Duration ttl, String issuer) {
}
