package auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import auth.system.DatabaseSettings;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** On the embedded database, as {@code java -jar auth.jar} starts: the probes and the scrape need no token. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of(DatabaseSettings.fromEnv(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness"})
    void reportsUp(String path) {
        Map<?, ?> body = client.toBlocking().retrieve(path, Map.class);

        assertEquals("UP", body.get("status"));
    }

    @Test
    void servesPrometheusMetrics() {
        String metrics = client.toBlocking().retrieve("/prometheus");

        assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics.lines().limit(5).toList().toString());
    }
}
