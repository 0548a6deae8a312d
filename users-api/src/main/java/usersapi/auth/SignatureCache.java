package usersapi.auth;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Puts {@link VerifiedSignatures} in front of Micronaut Security's signature check, which has no cache of its own. */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
class SignatureCache implements BeanCreatedEventListener<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> {

    private final Duration ttl;

    SignatureCache(@Value("${" + AuthSettings.JWKS_PREFIX + ".cache-expiration}") int jwksCacheSeconds) {
        this.ttl = Duration.ofSeconds(jwksCacheSeconds);
    }

    @Override
    public ReactiveJsonWebTokenSignatureValidator<SignedJWT> onCreated(BeanCreatedEvent<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> event) {
        return new VerifiedSignatures(event.getBean(), ttl, VerifiedSignatures.MAX_ENTRIES, System::nanoTime);
    }
}
