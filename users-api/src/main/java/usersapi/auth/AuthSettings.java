package usersapi.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * AUTH_JWKS_URL and AUTH_ISSUER, turned into Micronaut Security's settings. With AUTH_JWKS_URL unset (or empty, as
 * compose passes a bare `.env` line) writes are open, so {@code java -jar users-api.jar} works on any machine; with
 * it set they need a JWT of the auth service, and nothing else turns that off.
 */
public record AuthSettings(String jwksUrl, String issuer) {

    public static final String DEFAULT_ISSUER = "java-cluster-auth";
    /** The JWKS configuration's name: also the service id whose timeouts bound its fetch (application.yml). */
    static final String JWKS = "auth";
    static final String JWKS_PREFIX = "micronaut.security.token.jwt.signatures.jwks." + JWKS;
    // Seconds a fetched key set is used before it is fetched again; LastGoodJwks keeps it past that while auth is down.
    private static final int JWKS_CACHE_SECONDS = 60;

    public static AuthSettings fromEnv(Map<String, String> env) {
        String url = value(env, "AUTH_JWKS_URL", null);
        String issuer = value(env, "AUTH_ISSUER", DEFAULT_ISSUER);
        if (url == null) {
            return new AuthSettings(null, issuer);
        }
        String scheme;
        try {
            scheme = String.valueOf(URI.create(url).getScheme()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            scheme = "";
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("AUTH_JWKS_URL must be an http or https URL, not '" + url + "'");
        }
        return new AuthSettings(url, issuer);
    }

    /** Writes need no token: only without AUTH_JWKS_URL. */
    public boolean open() {
        return jwksUrl == null;
    }

    public Map<String, Object> properties() {
        if (open()) {
            return Map.of("micronaut.security.enabled", false);
        }
        return Map.of(
                "micronaut.security.enabled", true,
                JWKS_PREFIX + ".url", jwksUrl,
                "micronaut.http.services." + JWKS + ".url", jwksUrl,
                JWKS_PREFIX + ".cache-expiration", JWKS_CACHE_SECONDS,
                "micronaut.security.token.jwt.claims-validators.issuer", issuer);
    }

    @Override
    public String toString() {
        return open() ? "open writes" : "writes need a token from " + jwksUrl + " (issuer " + issuer + ")";
    }

    /** Empty counts as unset, as for DATABASE_*. */
    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
