package auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * Prints a new signing key for AUTH_SIGNING_KEY_FILE: {@code java -cp auth.jar auth.keys.NewSigningKey KID > signing.jwk}.
 * It runs without the application context, so it needs no database and starts no server.
 */
final class NewSigningKey {

    private NewSigningKey() {
    }

    public static void main(String[] args) throws JOSEException {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: java -cp auth.jar auth.keys.NewSigningKey KID   (KID names the key, e.g. 2026-12)");
            System.exit(2);
        }
        System.out.println(generate(args[0]).toJSONString());
    }

    /** A P-256 private key with its kid, for ES256 signatures. */
    static ECKey generate(String kid) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
    }
}
