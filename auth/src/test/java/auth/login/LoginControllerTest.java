package auth.login;

import static auth.LoginRequests.body;
import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import auth.AccountsDatabase;
import auth.LoginRequests;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /auth/login on PostgreSQL, with the issuer and lifetime by default; the token checked only through /auth/keys. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginControllerTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    private AccountsDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = AccountsDatabase.postgres()
                .add("ada", "correct horse battery staple", "users:write")
                .add("grace", "another-password", "users:read, users:write");
        return database.properties();
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void answersABearerTokenWithTheAccountsNameRolesAndLifetime() throws Exception {
        HttpResponse<String> response = login(client, "ada", "correct horse battery staple");

        assertEquals(200, response.code(), body(response));
        assertEquals("application/json", response.getContentType().orElseThrow().getName());
        assertEquals("no-store", response.header("Cache-Control"));
        Map<?, ?> token = json.readValue(body(response), Map.class);
        assertEquals("Bearer", token.get("token_type"));
        assertEquals(900, token.get("expires_in"));
        assertEquals("ada", token.get("username"));
        assertEquals(List.of("users:write"), token.get("roles"));
        assertNotNull(token.get("access_token"));
    }

    @Test
    void signsAnEs256TokenThatVerifiesAgainstTheKeysEndpoint() throws Exception {
        SignedJWT jwt = SignedJWT.parse(accessToken("ada", "correct horse battery staple"));
        JWKSet keys = JWKSet.parse(client.toBlocking().retrieve("/auth/keys"));

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "no key in /auth/keys has the token's kid " + jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(key)));
        assertFalse(SignedJWT.parse(accessToken("grace", "another-password")).verify(new ECDSAVerifier(
                new ECKeyGenerator(Curve.P_256).generate().toPublicJWK())),
                "a token must not verify against some other key");
    }

    @Test
    void putsIssuerSubjectRolesAndFifteenMinutesIntoTheClaims() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(accessToken("grace", "another-password")).getJWTClaimsSet();

        assertEquals("java-cluster-auth", claims.getIssuer());
        assertEquals("grace", claims.getSubject());
        assertEquals(List.of("users:read", "users:write"), claims.getStringListClaim("roles"));
        assertNotNull(claims.getNotBeforeTime());
        assertEquals(Duration.ofMinutes(15).toSeconds(),
                (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertTrue(claims.getExpirationTime().getTime() > System.currentTimeMillis());
    }

    @Test
    void answersAWrongPasswordAndAnUnknownUserWithTheSame401Problem() {
        HttpResponse<String> wrongPassword = login(client, "ada", "not her password");
        HttpResponse<String> unknownUser = login(client, "nobody", "not her password");

        assertEquals(401, wrongPassword.code());
        assertEquals(401, unknownUser.code());
        assertEquals("application/problem+json", wrongPassword.getContentType().orElseThrow().getName());
        assertEquals("application/problem+json", unknownUser.getContentType().orElseThrow().getName());
        assertEquals(body(wrongPassword), body(unknownUser));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"wrong username or password\"}",
                body(unknownUser));
    }

    @Test
    void rejectsABlankPasswordWithA400NamingTheField() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/auth/login", Map.of("username", "ada", "password", "")), String.class));

        assertEquals(400, e.getStatus().getCode());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().getName());
        String body = e.getResponse().getBody(String.class).orElse("");
        assertTrue(body.contains("\"field\":\"password\""), body);
    }

    @Test
    void servesOnlyPublicP256SigningKeys() throws Exception {
        Map<?, ?> set = json.readValue(client.toBlocking().retrieve("/auth/keys"), Map.class);
        List<?> keys = (List<?>) set.get("keys");

        assertEquals(1, keys.size());
        Map<?, ?> key = (Map<?, ?>) keys.get(0);
        assertEquals("EC", key.get("kty"));
        assertEquals("P-256", key.get("crv"));
        assertEquals("ES256", key.get("alg"));
        assertEquals("sig", key.get("use"));
        assertNotNull(key.get("kid"));
        assertFalse(key.containsKey("d"), "the private key is served: " + key);
    }

    private String accessToken(String username, String password) {
        return LoginRequests.token(client, json, username, password);
    }
}
