package usersapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class OpenApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void servesTheContractGeneratedAtBuildTime() {
        String document = client.toBlocking().retrieve("/openapi/users-api-1.yml");

        assertTrue(document.startsWith("openapi: 3."), document);
        assertTrue(document.contains("title: users-api"), document);
        assertTrue(document.contains("/users/{id}:"), document);
    }
}
