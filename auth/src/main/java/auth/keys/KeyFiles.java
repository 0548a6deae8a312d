package auth.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code signingKeyFile}: a JWK file with the current EC P-256 private key (AUTH_SIGNING_KEY_FILE); unset or blank, a key
 * is generated at start. {@code previousKeysFile}: a JWKS file of public keys still served during a rollover
 * (AUTH_PREVIOUS_KEYS_FILE).
 */
@ConfigurationProperties("auth.keys")
record KeyFiles(@Nullable String signingKeyFile, @Nullable String previousKeysFile) {
}
