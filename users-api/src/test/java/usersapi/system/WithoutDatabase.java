package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;

/** What users-api promises while its database is unreachable, however it went (README.md, Readiness). */
final class WithoutDatabase {

    private WithoutDatabase() {
    }

    /** GET /users answers 503 problem+json within 2 s, and the pod stays ready and live; returns how long it took. */
    static long assertAnswers503FastAndStaysReady(HttpClient client) {
        long started = System.nanoTime();
        HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/users", String.class));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
        assertEquals("application/problem+json", down.getResponse().getContentType().orElseThrow().getName());
        assertTrue(elapsedMillis < 2000, "503 after " + elapsedMillis + " ms");
        assertEquals("UP", client.toBlocking().retrieve("/health/readiness", Map.class).get("status"));
        assertEquals("UP", client.toBlocking().retrieve("/health/liveness", Map.class).get("status"));
        return elapsedMillis;
    }
}
