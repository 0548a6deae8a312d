package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbmigrations.TestDatabase;
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
import usersapi.TestProperties;

/** Started before db-migrations ran: the tables will come, so callers are told to retry. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotMigratedTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    private TestDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.postgres("unmigrated");
        return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
    }

    @AfterAll
    void cleanUp() {
        database.close();
    }

    @Test
    void answers503UntilTheTablesExist() {
        HttpClientResponseException failure = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/users", String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, failure.getStatus());

        database.migrate("users-api", "update");
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/users", String.class).getStatus());
    }
}
