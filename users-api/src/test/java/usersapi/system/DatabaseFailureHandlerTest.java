package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** The database goes away mid-test (a proxy is cut, the shared server keeps running) and comes back. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFailureHandlerTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    private ProxiedDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = ProxiedDatabase.postgres("outage");
        Map<String, String> env = database.env();
        return TestProperties.of(DatabaseSettings.fromEnv(env));
    }

    @AfterAll
    void cleanUp() {
        database.close();
    }

    @Test
    void answers503AndTurnsNotReadyWhileTheDatabaseIsDownThenRecovers() {
        assertEquals(HttpStatus.OK, status("/users"));

        database.cut();
        HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/users", String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
        assertEquals("application/problem+json", down.getResponse().getContentType().orElseThrow().getName());
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status("/health/readiness"));
        assertEquals(HttpStatus.OK, status("/health/liveness"));

        database.restore();
        assertEquals(HttpStatus.OK, eventually("/users"));
        assertEquals(HttpStatus.OK, status("/health/readiness"));
    }

    private HttpStatus status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    /** Recovery is the pool's job; give it a few tries, without asserting how fast it is. */
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
