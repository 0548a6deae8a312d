package auth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import auth.LoginRequests;
import auth.TestProperties;
import auth.system.DatabaseSettings;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** AUTH_TOKEN_TTL and AUTH_ISSUER as application.yml reads them, on the embedded database's demo account. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLifetimeTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(Map.of())));
        properties.put("auth.token.ttl", "7m");
        properties.put("auth.token.issuer", "https://auth.example.test");
        return properties;
    }

    @Test
    void expiresTheTokenAfterTheConfiguredDuration() throws Exception {
        String body = LoginRequests.body(LoginRequests.login(client, "admin", "admin-dev-only"));
        JWTClaimsSet claims = SignedJWT.parse(String.valueOf(json.readValue(body, Map.class).get("access_token"))).getJWTClaimsSet();

        assertEquals(420, json.readValue(body, Map.class).get("expires_in"));
        assertEquals(420, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals("https://auth.example.test", claims.getIssuer());
    }
}
