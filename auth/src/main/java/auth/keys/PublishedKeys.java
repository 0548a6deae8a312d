package auth.keys;

import com.nimbusds.jose.jwk.JWK;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import jakarta.inject.Singleton;
import java.util.List;

/** What Micronaut Security's keys endpoint (GET /auth/keys) serves: public keys only, the current one and the previous ones. */
@Singleton
class PublishedKeys implements JwkProvider {

    private final SigningKeys keys;

    PublishedKeys(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> retrieveJsonWebKeys() {
        return keys.published();
    }
}
