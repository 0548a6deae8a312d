package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
@Property(name = "echo.hostname", value = "echo-7d9f8-abcde")
class EchoControllerTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void reportsHostNameMethodAndPathAsText() {
        String body = client.toBlocking().retrieve(HttpRequest.GET("/some/path"));

        assertEquals("echo from echo-7d9f8-abcde: GET /some/path\n", body);
    }

    @Test
    void answersTheRootPath() {
        String body = client.toBlocking().retrieve(HttpRequest.POST("/", "x").contentType(MediaType.TEXT_PLAIN));

        assertEquals("echo from echo-7d9f8-abcde: POST /\n", body);
    }

    @Test
    void reportsJsonWhenAsked() {
        HttpResponse<Map> response = client.toBlocking()
                .exchange(HttpRequest.DELETE("/a/b").accept(MediaType.APPLICATION_JSON_TYPE), Map.class);

        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getContentType().orElseThrow());
        assertEquals(Map.of("host", "echo-7d9f8-abcde", "method", "DELETE", "path", "/a/b"), response.body());
    }

    @Test
    void leavesHealthEndpointsReachable() {
        Map<?, ?> body = client.toBlocking().retrieve("/health/readiness", Map.class);

        assertEquals("UP", body.get("status"));
    }
}
