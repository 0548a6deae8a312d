package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
        Map<?, ?> body = ChainControllerTest.errorBody(client, HttpStatus.BAD_GATEWAY);

        assertEquals("upstream unreachable", body.get("error"));
        assertEquals("http://127.0.0.1:9", body.get("upstream"));
    }
}
