package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** AUTH_* as the suite sets them: an empty variable counts as unset. */
class AuthSettingsTest {

    @Test
    void opensWritesOnlyWithoutAJwksUrl() {
        assertTrue(AuthSettings.fromEnv(Map.of()).open());
        assertTrue(AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", " ")).open());
        assertEquals(false, AuthSettings.fromEnv(Map.of()).properties().get("micronaut.security.enabled"));

        AuthSettings secured = AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", "http://auth:1406/auth/keys"));
        assertFalse(secured.open());
        assertEquals(true, secured.properties().get("micronaut.security.enabled"));
        assertEquals("http://auth:1406/auth/keys", secured.properties().get(AuthSettings.JWKS_PREFIX + ".url"));
    }

    @Test
    void checksTheIssuerNamedOrTheSuitesDefault() {
        Map<String, Object> byDefault = AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", "http://auth:1406/auth/keys", "AUTH_ISSUER", "")).properties();
        Map<String, Object> named = AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", "http://auth:1406/auth/keys", "AUTH_ISSUER", "other")).properties();

        assertEquals("java-cluster-auth", byDefault.get("micronaut.security.token.jwt.claims-validators.issuer"));
        assertEquals("other", named.get("micronaut.security.token.jwt.claims-validators.issuer"));
    }

    @Test
    void rejectsAJwksUrlThatIsNotHttp() {
        for (String url : new String[] {"auth:1406/auth/keys", "file:///etc/keys.json", "http://bad host/"}) {
            assertThrows(IllegalArgumentException.class, () -> AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", url)), url);
        }
    }
}
