package auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/** Micronaut Security signs every token with the configuration named "generator": ES256, with the key's kid in the header. */
@Singleton
@Named("generator")
class CurrentSigningKey implements ECSignatureGeneratorConfiguration {

    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final String kid;

    CurrentSigningKey(SigningKeys keys) {
        try {
            publicKey = keys.current().toECPublicKey();
            privateKey = keys.current().toECPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key is not a usable EC key", e);
        }
        kid = keys.current().getKeyID();
    }

    @Override
    public ECPublicKey getPublicKey() {
        return publicKey;
    }

    @Override
    public ECPrivateKey getPrivateKey() {
        return privateKey;
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.ES256;
    }

    @Override
    public Optional<String> getKid() {
        return Optional.of(kid);
    }
}
