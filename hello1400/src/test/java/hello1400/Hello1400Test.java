package hello1400;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Hello1400Test {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Hello1400 app;

    @BeforeEach
    void start() throws IOException {
        app = Hello1400.start(0);
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    @ParameterizedTest
    @CsvSource({"GET,/", "GET,/any/path?x=1", "POST,/users", "DELETE,/", "PUT,/x"})
    void answersHelloWorldToAnyPathAndMethod(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path);

        assertEquals(200, response.statusCode());
        assertEquals("hello world\n", response.body());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void answersHeadWithoutBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/");

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void readsPortFromEnvironmentValue() {
        assertEquals(1400, Hello1400.port(null));
        assertEquals(1400, Hello1400.port(" "));
        assertEquals(8080, Hello1400.port("8080"));
    }

    @Test
    void rejectsMalformedPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hello1400.port("http"));
        assertEquals("PORT must be a number, got http", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hello1400.port("70000"));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{\"a\":1}")
                        : HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
