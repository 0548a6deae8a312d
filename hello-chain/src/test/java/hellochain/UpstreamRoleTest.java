package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Without UPSTREAM_URL the service is the end of the chain (the tutorial's hello1402). */
@MicronautTest
class UpstreamRoleTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Test
    void answersItselfAsText() {
        String body = client.toBlocking().retrieve("/");

        assertTrue(body.matches("hop 1: hello-chain on .+:" + server.getPort() + ": hello world\n"), body);
    }

    @Test
    void answersItselfAsJson() {
        Hops hops = client.toBlocking().retrieve(HttpRequest.GET("/").accept(MediaType.APPLICATION_JSON_TYPE), Hops.class);

        assertEquals(1, hops.hops().size());
        assertEquals(server.getPort(), hops.hops().get(0).port());
        assertNull(hops.hops().get(0).upstream());
    }
}
