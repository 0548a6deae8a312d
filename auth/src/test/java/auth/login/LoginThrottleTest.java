package auth.login;

import static auth.LoginRequests.body;
import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import auth.AccountsDatabase;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Failed logins on PostgreSQL, each test in a fresh context so that no counts carry over; every client here is 127.0.0.1. */
@MicronautTest(rebuildContext = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTest implements TestPropertyProvider {

    private static final String PASSWORD = "ada's-real-password";

    @Inject
    @Client("/")
    HttpClient client;

    private AccountsDatabase database;

    @Override
    public Map<String, String> getProperties() {
        // Called again for each rebuilt context: one database serves them all.
        if (database == null) {
            database = AccountsDatabase.postgres().add("ada", PASSWORD, "users:write").add("grace", PASSWORD, "");
        }
        return database.properties();
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void blocksAUsernameAfterFiveFailuresEvenWithTheRightPasswordAndSaysForHowLong() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, login(client, "ada", "guess " + i).code(), "failure " + i);
        }

        HttpResponse<String> blocked = login(client, "ada", PASSWORD);
        assertTooManyRequests(blocked);
        assertEquals(200, login(client, "grace", PASSWORD).code(), "another username from the same client is not blocked");
    }

    @Test
    void blocksAClientAddressAfterTwentyFailuresOverAnyUsernamesWhateverXForwardedForClaims() {
        for (int i = 1; i <= 20; i++) {
            // Without AUTH_TRUSTED_PROXIES the header is the client's own word: a new address each time changes nothing.
            assertEquals(401, login(client, "user" + i, "guess", "198.51.100." + i).code(), "failure " + i);
        }

        assertTooManyRequests(login(client, "ada", PASSWORD));
        assertTooManyRequests(login(client, "grace", PASSWORD));
    }

    @Test
    void aSuccessfulLoginClearsTheUsernamesFailures() {
        for (int i = 1; i <= 4; i++) {
            assertEquals(401, login(client, "ada", "guess " + i).code());
        }
        assertEquals(200, login(client, "ada", PASSWORD).code());
        for (int i = 5; i <= 8; i++) {
            assertEquals(401, login(client, "ada", "guess " + i).code(), "failure " + i + " would be the username's fifth without the reset");
        }

        assertEquals(200, login(client, "ada", PASSWORD).code());
    }

    private static void assertTooManyRequests(HttpResponse<String> response) {
        assertEquals(429, response.code(), body(response));
        assertEquals("application/problem+json", response.getContentType().orElseThrow().getName());
        assertTrue(body(response).contains("\"status\":429"), body(response));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After: " + retryAfter);
    }
}
