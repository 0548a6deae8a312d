package auth.login;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code trusted}: AUTH_TRUSTED_PROXIES, comma-separated addresses or CIDR ranges whose X-Forwarded-For is believed. */
@ConfigurationProperties("auth.proxies")
record ProxySettings(@Nullable String trusted) {
}
