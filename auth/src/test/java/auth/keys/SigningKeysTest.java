package auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import auth.LoginRequests;
import auth.TestProperties;
import auth.system.DatabaseSettings;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** AUTH_SIGNING_KEY_FILE and AUTH_PREVIOUS_KEYS_FILE during a rollover: two keys served, tokens signed by the new one. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeysTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    private final ECKey current = key("2026-12");
    private final ECKey previous = key("2026-11");
    private Path dir;

    @Override
    public Map<String, String> getProperties() {
        try {
            dir = Files.createTempDirectory("auth-keys");
            Path signing = Files.writeString(dir.resolve("signing.jwk"), current.toJSONString());
            Path previousKeys = Files.writeString(dir.resolve("previous.jwks"), new JWKSet(List.of(previous.toPublicJWK())).toString());
            Map<String, String> properties = new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(Map.of())));
            properties.put("auth.keys.signing-key-file", signing.toString());
            properties.put("auth.keys.previous-keys-file", previousKeys.toString());
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void removeKeyFiles() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Test
    void signsWithTheKeyFromTheFileAndNamesItsKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(LoginRequests.token(client, json, "admin", "admin-dev-only"));

        assertEquals("2026-12", jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(current.toPublicJWK())));
    }

    @Test
    void servesThePreviousPublicKeysBesideTheCurrentOneAndNoPrivatePart() throws Exception {
        JWKSet served = JWKSet.parse(client.toBlocking().retrieve("/auth/keys"));

        assertEquals(List.of("2026-12", "2026-11"), served.getKeys().stream().map(JWK::getKeyID).toList());
        for (JWK key : served.getKeys()) {
            assertFalse(key.isPrivate(), key.getKeyID());
            assertEquals("ES256", key.getAlgorithm().getName());
            assertEquals("sig", key.getKeyUse().identifier());
        }
        assertEquals(previous.toPublicJWK().getX(), ((ECKey) served.getKeyByKeyId("2026-11")).getX());
    }

    /** Made as the README makes a key file, with NewSigningKey. */
    private static ECKey key(String kid) {
        try {
            return NewSigningKey.generate(kid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
