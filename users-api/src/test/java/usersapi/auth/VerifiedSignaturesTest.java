package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** The cache in front of the ES256 check, with a real check behind it that counts its calls and a clock the test moves. */
class VerifiedSignaturesTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final ECKey key = Tokens.key("key-1");
    private final CountingVerifier verifier = new CountingVerifier(key);
    private final AtomicLong now = new AtomicLong(42);

    private VerifiedSignatures cache(int maxEntries) {
        return new VerifiedSignatures(verifier, TTL, maxEntries, now::get);
    }

    @Test
    void checksARepeatedTokenOnceWithinTheKeySetsCachePeriod() {
        VerifiedSignatures signatures = cache(10);
        String token = Tokens.writer(key);

        for (int i = 0; i < 5; i++) {
            assertTrue(valid(signatures, token));
        }
        assertEquals(1, verifier.checks());
    }

    @Test
    void checksItAgainOnceThePeriodHasPassed() {
        VerifiedSignatures signatures = cache(10);
        String token = Tokens.writer(key);

        assertTrue(valid(signatures, token));
        now.addAndGet(TTL.toNanos());
        assertTrue(valid(signatures, token));
        assertEquals(2, verifier.checks());
    }

    @Test
    void neverRemembersABadSignature() {
        VerifiedSignatures signatures = cache(10);
        String forged = Tokens.writer(Tokens.key("key-1"));

        assertFalse(valid(signatures, forged));
        assertFalse(valid(signatures, forged));
        assertEquals(2, verifier.checks());
        assertEquals(0, signatures.size());
    }

    @Test
    void refusesAVerifiedTokensClaimsUnderAnotherSignature() {
        VerifiedSignatures signatures = cache(10);
        String token = Tokens.writer(key);
        String forged = Tokens.writer(Tokens.key("key-1"));
        String sameClaimsForgedSignature = token.substring(0, token.lastIndexOf('.')) + forged.substring(forged.lastIndexOf('.'));

        assertTrue(valid(signatures, token));
        assertFalse(valid(signatures, sameClaimsForgedSignature));
    }

    @Test
    void staysBoundedAndMakesRoomOnlyFromExpiredEntries() {
        VerifiedSignatures signatures = cache(2);
        String first = Tokens.writer(key);
        String second = Tokens.writer(key);
        String third = Tokens.writer(key);

        valid(signatures, first);
        valid(signatures, second);
        valid(signatures, third);
        valid(signatures, third);
        assertEquals(2, signatures.size());
        assertEquals(4, verifier.checks(), "the third is checked each time while the cache is full");

        now.addAndGet(TTL.toNanos());
        valid(signatures, third);
        valid(signatures, third);
        assertEquals(1, signatures.size());
        assertEquals(5, verifier.checks());
    }

    private static boolean valid(VerifiedSignatures signatures, String token) {
        try {
            return Boolean.TRUE.equals(Mono.from(signatures.validateSignature(SignedJWT.parse(token))).block());
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final class CountingVerifier implements ReactiveJsonWebTokenSignatureValidator<SignedJWT> {

        private final ECKey key;
        private final AtomicInteger checks = new AtomicInteger();

        CountingVerifier(ECKey key) {
            this.key = key;
        }

        @Override
        public Publisher<Boolean> validateSignature(SignedJWT token) {
            return Mono.fromCallable(() -> {
                checks.incrementAndGet();
                return verify(token);
            });
        }

        int checks() {
            return checks.get();
        }

        private boolean verify(SignedJWT token) throws JOSEException {
            return token.verify(new ECDSAVerifier(key.toECPublicKey()));
        }
    }
}
