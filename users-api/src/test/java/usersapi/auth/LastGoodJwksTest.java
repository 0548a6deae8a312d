package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import usersapi.Blackhole;
import usersapi.ClosedPort;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/** The auth service's keys over time: rotated, unreachable, hung. A service per test, its key set cached 1 s. */
class LastGoodJwksTest {

    private static final int CACHE_SECONDS = 1;

    private static EmbeddedServer start(String jwksUrl) {
        Map<String, Object> properties = new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(Map.of()),
                AuthSettings.fromEnv(Map.of("AUTH_JWKS_URL", jwksUrl))));
        properties.put(AuthSettings.JWKS_PREFIX + ".cache-expiration", CACHE_SECONDS);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @Test
    void acceptsEveryPublishedKeyAndRefusesAKeyOnceItLeavesTheJwks() {
        ECKey old = Tokens.key("old");
        ECKey current = Tokens.key("current");
        try (JwksStub jwks = JwksStub.serving(old, current); EmbeddedServer server = start(jwks.url());
             HttpClient client = HttpClient.create(server.getURL())) {
            assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(old)));
            assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(current)));

            jwks.publish(current);
            pastTheCache();
            assertEquals(HttpStatus.UNAUTHORIZED, create(client, Tokens.writer(old)));
            assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(current)));
        }
    }

    @Test
    void refusesATokenItHasAcceptedOnceItsKeyLeavesTheJwks() {
        ECKey old = Tokens.key("old");
        ECKey current = Tokens.key("current");
        String token = Tokens.writer(old);
        try (JwksStub jwks = JwksStub.serving(old, current); EmbeddedServer server = start(jwks.url());
             HttpClient client = HttpClient.create(server.getURL())) {
            assertEquals(HttpStatus.CREATED, create(client, token));
            assertEquals(HttpStatus.CREATED, create(client, token));

            jwks.publish(current);
            // A signature already checked is trusted for one cache period, after the key set's own period.
            pastTheCache();
            pastTheCache();
            assertEquals(HttpStatus.UNAUTHORIZED, create(client, token));
        }
    }

    @Test
    void refusesARetiredKeyInAFreshServiceFromTheStart() {
        ECKey old = Tokens.key("old");
        ECKey current = Tokens.key("current");
        try (JwksStub jwks = JwksStub.serving(current); EmbeddedServer server = start(jwks.url());
             HttpClient client = HttpClient.create(server.getURL())) {
            assertEquals(HttpStatus.UNAUTHORIZED, create(client, Tokens.writer(old)));
            assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(current)));
        }
    }

    @Test
    void keepsValidatingWithTheKeysItHasWhileTheAuthServiceIsDown() {
        ECKey key = Tokens.key("key-1");
        JwksStub jwks = JwksStub.serving(key);
        try (EmbeddedServer server = start(jwks.url()); HttpClient client = HttpClient.create(server.getURL())) {
            assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(key)));
            assertEquals(1, jwks.fetches());

            jwks.close();
            pastTheCache();
            for (int i = 0; i < 3; i++) {
                assertEquals(HttpStatus.CREATED, create(client, Tokens.writer(key)), "a token issued before the outage");
                assertEquals(HttpStatus.UNAUTHORIZED, create(client, Tokens.writer(Tokens.key("key-1"))), "a forged key-1");
                pastTheCache();
            }
        } finally {
            jwks.close();
        }
    }

    @Test
    void refusesTokensWithinTheTimeoutsWhenTheAuthServiceNeverAnswered() {
        ECKey key = Tokens.key("key-1");
        try (Blackhole hung = Blackhole.start(); EmbeddedServer server = start("http://127.0.0.1:" + hung.port() + "/auth/keys");
             HttpClient client = HttpClient.create(server.getURL())) {
            assertRefusedWithin(client, Tokens.writer(key), LastGoodJwks.TIMEOUT.toMillis() + 500);
            assertRefusedWithin(client, Tokens.writer(key), LastGoodJwks.TIMEOUT.toMillis() + 500);
        }
        try (EmbeddedServer server = start("http://127.0.0.1:" + ClosedPort.pick() + "/auth/keys");
             HttpClient client = HttpClient.create(server.getURL())) {
            assertRefusedWithin(client, Tokens.writer(key), LastGoodJwks.TIMEOUT.toMillis() + 500);
        }
    }

    private static void assertRefusedWithin(HttpClient client, String token, long boundMillis) {
        long started = System.nanoTime();
        assertEquals(HttpStatus.UNAUTHORIZED, create(client, token));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < boundMillis, "refused after " + millis + " ms, bound " + boundMillis + " ms");
        System.out.printf("auth keys unreachable: a token refused after %d ms (bound %d ms)%n", millis, boundMillis);
    }

    private static HttpStatus create(HttpClient client, String token) {
        String name = "Writer " + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest<?> request = HttpRequest.POST("/users", Map.of("name", name, "email", name.replace(' ', '.').toLowerCase() + "@example.com"))
                .bearerAuth(token);
        try {
            return client.toBlocking().exchange(request, String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private static void pastTheCache() {
        try {
            Thread.sleep(CACHE_SECONDS * 1000L + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
