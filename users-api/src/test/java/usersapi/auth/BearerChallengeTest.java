package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/** With AUTH_JWKS_URL set (a stub of the auth service's JWKS): who may write, and how a refusal reads. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerChallengeTest implements TestPropertyProvider {

    private static final ECKey KEY = Tokens.key("key-1");

    @Inject
    @Client("/")
    HttpClient client;

    private JwksStub jwks;

    @Override
    public Map<String, String> getProperties() {
        jwks = JwksStub.serving(KEY);
        return TestProperties.of(DatabaseSettings.fromEnv(Map.of()), AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", jwks.url())));
    }

    @AfterAll
    void stopStub() {
        jwks.close();
    }

    @Test
    void letsAWriterCreateAndDelete() {
        String token = Tokens.writer(KEY);

        HttpResponse<Map> created = client.toBlocking().exchange(newUser().bearerAuth(token), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        String location = created.header("Location");
        assertEquals(HttpStatus.NO_CONTENT, client.toBlocking().exchange(HttpRequest.DELETE(location).bearerAuth(token)).getStatus());
    }

    @Test
    void asksForABearerTokenWhenThereIsNone() {
        HttpClientResponseException refused = refused(HttpStatus.UNAUTHORIZED, newUser());

        assertEquals("Bearer", refused.getResponse().header("WWW-Authenticate"));
        assertEquals("this request needs a bearer token", problem(refused).get("detail"));
        refused(HttpStatus.UNAUTHORIZED, HttpRequest.DELETE("/users/1"));
    }

    @Test
    void refusesAnExpiredToken() {
        assertInvalid(Tokens.expired(KEY));
    }

    @Test
    void refusesATokenItAcceptedBeforeOnceItHasExpired() throws InterruptedException {
        String token = Tokens.writer(KEY, Duration.ofSeconds(2));
        assertEquals(HttpStatus.CREATED, client.toBlocking().exchange(newUser().bearerAuth(token), Map.class).getStatus());

        Thread.sleep(3_000);
        assertInvalid(token);
    }

    @Test
    void refusesATokenThatNeverExpires() {
        assertInvalid(Tokens.neverExpiring(KEY));
    }

    @Test
    void refusesATokenNotValidYet() {
        assertInvalid(Tokens.notYetValid(KEY));
    }

    @Test
    void refusesATokenSignedWithAKeyNotInTheJwks() {
        assertInvalid(Tokens.writer(Tokens.key(KEY.getKeyID())));
    }

    @Test
    void refusesATokenWithAnUnknownKid() {
        assertInvalid(Tokens.writer(Tokens.key("not-published")));
    }

    @Test
    void refusesAnUnsignedToken() {
        assertInvalid(Tokens.unsigned(KEY.getKeyID()));
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertInvalid(Tokens.fromIssuer(KEY, "someone-else"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.."})
    void refusesGarbage(String token) {
        assertInvalid(token);
    }

    @Test
    void forbidsAValidTokenWithoutTheWriteRole() {
        String token = Tokens.reader(KEY);

        HttpClientResponseException refused = refused(HttpStatus.FORBIDDEN, newUser().bearerAuth(token));
        assertEquals("Bearer error=\"insufficient_scope\"", refused.getResponse().header("WWW-Authenticate"));
        assertFalse(refused.getResponse().getBody(String.class).orElseThrow().contains(token));
        refused(HttpStatus.FORBIDDEN, HttpRequest.DELETE("/users/1").bearerAuth(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users", "/users?page=0&size=2", "/version", "/health", "/health/readiness", "/health/liveness",
        "/health/database", "/prometheus", "/openapi/users-api-1.yml"})
    void servesReadsAndEverythingElseWithoutAToken(String path) {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange(path, String.class).getStatus());
    }

    @Test
    void keepsAnUnknownPathA404AndAnUnknownMethodA405() {
        refused(HttpStatus.NOT_FOUND, HttpRequest.GET("/nowhere"));
        refused(HttpStatus.METHOD_NOT_ALLOWED, HttpRequest.PUT("/users/1", "{}"));
    }

    private void assertInvalid(String token) {
        HttpClientResponseException refused = refused(HttpStatus.UNAUTHORIZED, newUser().bearerAuth(token));

        assertEquals("Bearer error=\"invalid_token\"", refused.getResponse().header("WWW-Authenticate"));
        String body = refused.getResponse().getBody(String.class).orElseThrow();
        assertEquals("the bearer token is not valid", problem(refused).get("detail"));
        assertFalse(body.contains(token), "the answer echoes the token: " + body);
        refused(HttpStatus.UNAUTHORIZED, HttpRequest.DELETE("/users/1").bearerAuth(token));
    }

    /** The refusal every failure must be: the expected status, as problem+json. */
    private HttpClientResponseException refused(HttpStatus status, HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().getName());
        assertEquals(status.getCode(), problem(e).get("status"));
        return e;
    }

    private static Map<?, ?> problem(HttpClientResponseException e) {
        return e.getResponse().getBody(Map.class).orElseThrow();
    }

    private static MutableHttpRequest<?> newUser() {
        String name = "Writer " + UUID.randomUUID().toString().substring(0, 8);
        return HttpRequest.POST("/users", Map.of("name", name, "email", name.replace(' ', '.').toLowerCase() + "@example.com"));
    }
}
