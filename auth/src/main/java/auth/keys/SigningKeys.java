package auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current ES256 signing key and the public keys of earlier ones still accepted; loaded at start, so a bad file stops it. */
@Context
class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey current;
    private final List<JWK> published;

    SigningKeys(KeyFiles files) {
        current = isSet(files.signingKeyFile()) ? read(Path.of(files.signingKeyFile())) : generate();
        List<JWK> keys = new ArrayList<>(List.of(publicHalf(current)));
        if (isSet(files.previousKeysFile())) {
            for (JWK key : readSet(Path.of(files.previousKeysFile())).getKeys()) {
                keys.add(publicHalf(p256(key, files.previousKeysFile())));
            }
        }
        published = List.copyOf(keys);
    }

    ECKey current() {
        return current;
    }

    /** The current key's public half first, then the previous ones: what GET /auth/keys serves. */
    List<JWK> published() {
        return published;
    }

    private static ECKey generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            LOG.info("AUTH_SIGNING_KEY_FILE is not set: signing with a P-256 key generated at start (kid {}); "
                    + "its tokens are not accepted after a restart", key.getKeyID());
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a P-256 signing key", e);
        }
    }

    private static ECKey read(Path file) {
        ECKey key;
        try {
            key = p256(JWK.parse(Files.readString(file)), file.toString());
        } catch (IOException | ParseException e) {
            // The parser's message may quote the file, private key included: only its name goes into the log.
            throw new IllegalStateException("AUTH_SIGNING_KEY_FILE " + file + " is not a readable JWK file");
        }
        if (!key.isPrivate() || key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalStateException("AUTH_SIGNING_KEY_FILE " + file + " must hold a private key with a kid");
        }
        return key;
    }

    private static JWKSet readSet(Path file) {
        try {
            return JWKSet.parse(Files.readString(file));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("AUTH_PREVIOUS_KEYS_FILE " + file + " is not a readable JWKS file");
        }
    }

    private static ECKey p256(JWK key, String file) {
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw new IllegalStateException(file + ": every key must be an EC key on the P-256 curve (kty EC, crv P-256)");
        }
        return ec;
    }

    /** The public half only, marked for ES256 signatures, whatever the file said. */
    private static ECKey publicHalf(ECKey key) {
        return new ECKey.Builder(key.toPublicJWK()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
