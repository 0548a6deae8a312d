package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.ClosedPort;
import usersapi.TestProperties;

/** Started while nothing listens at DATABASE_HOST:DATABASE_PORT: every connection attempt is refused. */
// No test transaction: it would need the connection this test is about not getting.
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoDatabaseTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of(DatabaseSettings.fromEnv(Map.of(
                "DATABASE_KIND", "mysql", "DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", String.valueOf(ClosedPort.pick()))));
    }

    @Test
    void staysReadyAndAnswers503WithinTwoSeconds() {
        WithoutDatabase.assertAnswers503FastAndStaysReady(client);
    }

    @Test
    void reportsTheDatabaseDownAtItsOwnHealthPath() {
        HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/health/database", Map.class));

        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
        assertEquals("DOWN", down.getResponse().getBody(Map.class).orElseThrow().get("status"));
    }
}
