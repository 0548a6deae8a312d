package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbmigrations.TestDatabase;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.TestProperties;

/** A database that answers but does not match the code is a bug to fix, not an outage to wait out. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMismatchTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    private TestDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.postgres("mismatch");
        database.migrate("users-api", "update");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE users RENAME COLUMN email TO mail");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
    }

    @AfterAll
    void cleanUp() {
        database.close();
    }

    @Test
    void answers500WithoutTheDatabaseErrorWhenTheSchemaDoesNotMatch() {
        HttpClientResponseException failure = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/users", String.class));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, failure.getStatus());
        assertEquals("application/problem+json", failure.getResponse().getContentType().orElseThrow().getName());
        String body = failure.getResponse().getBody(String.class).orElseThrow();
        assertEquals("internal error", detail(body));
        assertFalse(body.contains("email"), "the answer leaks the database error: " + body);
    }

    @Test
    void staysReadyBecauseTheDatabaseAnswers() {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/health/readiness", String.class).getStatus());
    }

    private static String detail(String body) {
        return body.replaceAll(".*\"detail\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }
}
