package hello1401;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class HelloControllerTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersHelloWorld() {
        HttpResponse<String> response = client.toBlocking().exchange("/", String.class);

        assertEquals(200, response.code());
        assertEquals("hello world\n", response.body());
        assertEquals("text/plain", response.getContentType().orElseThrow().getName());
    }
}
