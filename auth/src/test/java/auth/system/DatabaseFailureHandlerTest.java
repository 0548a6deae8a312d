package auth.system;

import static auth.LoginRequests.body;
import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import auth.TestProperties;
import dbmigrations.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** On a PostgreSQL database the migrations have not reached yet: a 503 to retry, and no SQL in the answer. */
class DatabaseFailureHandlerTest {

    @Test
    void answersLoginsWith503UntilTheSchemaExists() {
        try (TestDatabase database = TestDatabase.postgres("auth_nomig");
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                     new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(database.env()))), "test");
             HttpClient client = HttpClient.create(server.getURL())) {
            HttpResponse<String> before = login(client, "admin", "admin-dev-only");

            assertEquals(503, before.code(), body(before));
            assertEquals("application/problem+json", before.getContentType().orElseThrow().getName());
            assertEquals("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"database unavailable, try again later\"}", body(before));
            assertFalse(body(before).contains("accounts"));

            database.migrate("auth", "update");
            assertEquals(401, login(client, "admin", "admin-dev-only").code(), "no demo account outside the demo context");
        }
    }
}
