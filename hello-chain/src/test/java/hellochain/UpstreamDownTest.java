package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port 9 (discard) is closed on any ordinary machine, so the connection is refused at once. */
@MicronautTest
@Property(name = "upstream.url", value = "http://127.0.0.1:9")
@Property(name = "micronaut.http.services.upstream.url", value = "http://127.0.0.1:9")
class UpstreamDownTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersBadGatewayWithJson() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET("/").accept(MediaType.APPLICATION_JSON_TYPE)));

        assertEquals(HttpStatus.BAD_GATEWAY, e.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, e.getResponse().getContentType().orElseThrow());
        Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("upstream unreachable", body.get("error"));
        assertEquals("http://127.0.0.1:9", body.get("upstream"));
    }
}
