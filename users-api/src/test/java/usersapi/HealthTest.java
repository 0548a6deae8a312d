package usersapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import usersapi.system.DatabaseSettings;

/** On the embedded database, as {@code java -jar users-api.jar} starts. */
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
    @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness", "/health/database"})
    void reportsUp(String path) {
        Map<?, ?> body = client.toBlocking().retrieve(path, Map.class);

        assertEquals("UP", body.get("status"));
    }
}
