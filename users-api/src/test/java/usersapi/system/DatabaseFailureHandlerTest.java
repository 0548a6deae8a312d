package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.ProxiedDatabase;
import usersapi.TestProperties;
import usersapi.TestRedis;

/** The database goes away mid-test (a proxy is cut, the shared server keeps running) and comes back; Redis stays. */
// No test transaction holding a pooled connection across the cut: only the requests use the pool.
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFailureHandlerTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    private ProxiedDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = ProxiedDatabase.postgres("outage");
        Map<String, String> properties = TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        properties.put("redis.uri", TestRedis.emptyDatabase());
        return properties;
    }

    @AfterAll
    void cleanUp() {
        database.close();
    }

    @Test
    void staysReadyAnswers503FastAndServesCachedReadsWhileTheDatabaseIsDownThenRecoversByItself() {
        Map<?, ?> ada = client.toBlocking().retrieve(HttpRequest.POST("/users", Map.of("name", "Ada", "email", "ada@example.com")), Map.class);
        String cached = "/users/" + ada.get("id");
        assertEquals(ada, client.toBlocking().retrieve(cached, Map.class));
        assertEquals(HttpStatus.OK, status("/health/database"));

        database.cut();
        WithoutDatabase.assertAnswers503FastAndStaysReady(client);
        assertEquals(ada, client.toBlocking().retrieve(cached, Map.class), "the cached read is served");
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status("/health/database"));

        database.restore();
        assertEquals(HttpStatus.OK, eventually("/health/database"));
        assertEquals(HttpStatus.OK, status("/users"), "the next request after the database is back");
    }

    private HttpStatus status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    /** Reconnecting is the pool's job; give it a few tries, without asserting how fast it is. */
    private HttpStatus eventually(String path) {
        HttpStatus status = status(path);
        for (int i = 0; i < 20 && status != HttpStatus.OK; i++) {
            sleep();
            status = status(path);
        }
        return status;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
