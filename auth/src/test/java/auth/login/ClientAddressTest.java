package auth.login;

import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

import auth.TestProperties;
import auth.system.DatabaseSettings;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Behind a trusted proxy (AUTH_TRUSTED_PROXIES=127.0.0.0/8, the test's own address): failures count per forwarded client. */
@MicronautTest(rebuildContext = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(Map.of())));
        properties.put("auth.proxies.trusted", "10.0.0.0/8, 127.0.0.0/8");
        return properties;
    }

    @Test
    void blocksTheForwardedClientButNotTheOthersBehindTheSameProxy() {
        for (int i = 1; i <= 20; i++) {
            assertEquals(401, login(client, "user" + i, "guess", "198.51.100.7").code(), "failure " + i);
        }

        assertEquals(429, login(client, "admin", "admin-dev-only", "198.51.100.7").code());
        assertEquals(200, login(client, "admin", "admin-dev-only", "198.51.100.8").code());
    }

    @Test
    void readsFromTheRightPastTrustedHopsAndNeverTheEntriesAClientWrote() {
        for (int i = 1; i <= 20; i++) {
            // The client wrote the first entry; the last proxy (10.1.2.3) appended the address it saw.
            assertEquals(401, login(client, "user" + i, "guess", "192.0.2." + i + ", 198.51.100.20, 10.1.2.3").code(), "failure " + i);
        }

        assertEquals(429, login(client, "admin", "admin-dev-only", "192.0.2.99, 198.51.100.20, 10.1.2.3").code());
        assertEquals(200, login(client, "admin", "admin-dev-only", "198.51.100.21").code());
    }
}
