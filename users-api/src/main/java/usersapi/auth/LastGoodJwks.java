package usersapi.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.jwks.HttpClientJwksClient;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The auth service's key set, fetched over HTTP with the {@code auth} service's timeouts, falling back to the last
 * one fetched. Micronaut Security fetches it again once its cache expires and, when that fails, would validate
 * against an empty set: every token refused while auth is down. With the last good set, tokens already issued keep
 * working through an auth outage, and a rotated-out key still leaves at the next successful fetch.
 */
@Singleton
@Primary
@Requires(property = "micronaut.security.enabled", value = "true")
class LastGoodJwks implements JwksClient {

    // Above the client's own connect and read timeouts (application.yml): the bound on any request waiting for keys.
    static final Duration TIMEOUT = Duration.ofMillis(2500);
    private static final Logger LOG = LoggerFactory.getLogger(LastGoodJwks.class);

    private final HttpClientJwksClient http;
    private final Map<String, String> lastGood = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    LastGoodJwks(HttpClientJwksClient http) {
        this.http = http;
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        return Mono.defer(() -> Mono.from(http.load(providerName, url)))
                .timeout(TIMEOUT)
                .filter(LastGoodJwks::hasKeys)
                .doOnNext(keys -> fetched(url, keys))
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.defer(() -> failed(url)));
    }

    private void fetched(String url, String keys) {
        lastGood.put(url, keys);
        if (failing.compareAndSet(true, false)) {
            LOG.info("auth keys fetched again from {}", url);
        }
    }

    private Mono<String> failed(String url) {
        String kept = lastGood.get(url);
        if (failing.compareAndSet(false, true)) {
            LOG.warn("auth keys unavailable from {}: {}", url,
                    kept == null ? "every token is refused until they are fetched" : "validating tokens with the keys fetched last");
        }
        return Mono.justOrEmpty(kept);
    }

    private static boolean hasKeys(String body) {
        try {
            return !JWKSet.parse(body).isEmpty();
        } catch (ParseException e) {
            return false;
        }
    }
}
