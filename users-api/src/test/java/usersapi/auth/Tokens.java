package usersapi.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Tokens as the auth service mints them (ES256, a kid, iss/sub/roles/exp/nbf/iat), and the ones it never would. */
final class Tokens {

    static final String ISSUER = AuthSettings.DEFAULT_ISSUER;

    private Tokens() {
    }

    /** A fresh EC P-256 signing key, as the auth service publishes them. */
    static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid for five minutes, with the role users:write. */
    static String writer(ECKey key) {
        return sign(key, claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now(), Duration.ofMinutes(5)));
    }

    /** With the role users:write, expiring after {@code lifetime}. */
    static String writer(ECKey key, Duration lifetime) {
        return sign(key, claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now(), lifetime));
    }

    static String reader(ECKey key) {
        return sign(key, claims(ISSUER, List.of("users:read"), Instant.now(), Duration.ofMinutes(5)));
    }

    /** Issued ten minutes ago, expired five minutes ago. */
    static String expired(ECKey key) {
        return sign(key, claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(5)));
    }

    /** Not valid for another five minutes. */
    static String notYetValid(ECKey key) {
        return sign(key, claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now().plus(Duration.ofMinutes(5)), Duration.ofMinutes(5)));
    }

    /** A writer's claims with no expiry at all. */
    static String neverExpiring(ECKey key) {
        JWTClaimsSet writer = claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now(), Duration.ofMinutes(5));
        return sign(key, new JWTClaimsSet.Builder(writer).expirationTime(null).build());
    }

    static String fromIssuer(ECKey key, String issuer) {
        return sign(key, claims(issuer, List.of(Roles.USERS_WRITE), Instant.now(), Duration.ofMinutes(5)));
    }

    /** alg "none" with a kid the JWKS has: the claims of a writer, and no signature at all. */
    static String unsigned(String kid) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = claims(ISSUER, List.of(Roles.USERS_WRITE), Instant.now(), Duration.ofMinutes(5)).toString();
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static JWTClaimsSet claims(String issuer, List<String> roles, Instant issuedAt, Duration lifetime) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("admin")
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
