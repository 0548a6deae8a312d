package auth.login;

import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

import auth.AccountsDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The account lookup on each engine the changelog supports; usernames match exactly, as the collation is binary. */
class AccountsTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void logsInOnlyWithTheExactUsernameAndItsOwnPassword(String kind) {
        try (AccountsDatabase database = AccountsDatabase.of(kind).add("ada", "ada-password", "users:write");
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, asObjects(database), "test");
             HttpClient client = HttpClient.create(server.getURL())) {
            assertEquals(200, login(client, "ada", "ada-password").code());
            assertEquals(401, login(client, "Ada", "ada-password").code());
            assertEquals(401, login(client, "ada", "Ada-password").code());
        }
    }

    private static Map<String, Object> asObjects(AccountsDatabase database) {
        return new HashMap<>(database.properties());
    }
}
