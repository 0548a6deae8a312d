package usersapi.auth;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Remembers, by the whole token, signatures already verified, so a client's next writes skip the ES256 check that
 * capped them at a fifth of open writes (bench/README.md). Only a good signature is remembered, and for no longer
 * than the key set is cached: a key that leaves the JWKS stops verifying within two cache periods. The claims
 * ({@code exp}, {@code nbf}, issuer, roles) are still checked on every request.
 */
final class VerifiedSignatures implements ReactiveJsonWebTokenSignatureValidator<SignedJWT> {

    // About 6 MB of tokens at most.
    static final int MAX_ENTRIES = 10_000;

    private final ReactiveJsonWebTokenSignatureValidator<SignedJWT> verifier;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

    VerifiedSignatures(ReactiveJsonWebTokenSignatureValidator<SignedJWT> verifier, Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.verifier = verifier;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    @Override
    public Publisher<Boolean> validateSignature(SignedJWT token) {
        String serialized = token.getParsedString();
        if (serialized == null) {
            return verifier.validateSignature(token);
        }
        long now = nanoClock.getAsLong();
        Long until = verifiedUntil.get(serialized);
        if (until != null && now - until < 0) {
            return Mono.just(true);
        }
        return Mono.from(verifier.validateSignature(token)).doOnNext(good -> {
            if (good) {
                remember(serialized, now);
            }
        });
    }

    int size() {
        return verifiedUntil.size();
    }

    private void remember(String serialized, long now) {
        if (verifiedUntil.size() >= maxEntries) {
            verifiedUntil.values().removeIf(until -> now - until >= 0);
        }
        // Still full of live entries: this token is verified again next time, and memory stays bounded.
        if (verifiedUntil.size() < maxEntries) {
            verifiedUntil.put(serialized, now + ttlNanos);
        }
    }
}
