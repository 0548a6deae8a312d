package hellochain.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dbmigrations.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The caller role with DATABASE_* set: each call to a real stub upstream lands in a real PostgreSQL database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsControllerTest implements TestPropertyProvider {

    static final String HOPS = "{\"hops\":[{\"service\":\"hello-chain\",\"host\":\"upstream-host\",\"port\":1402}]}";

    @Inject
    @Client("/")
    HttpClient client;

    TestDatabase db;
    HttpServer upstream;
    volatile int upstreamStatus = 200;

    @Override
    public Map<String, String> getProperties() {
        db = TestDatabase.postgres("chain");
        db.migrate("hello-chain", "update");
        upstream = stubUpstream();
        String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
        Map<String, String> properties = new HashMap<>();
        CallsDatabase.properties(db.env()).forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("upstream.url", url);
        properties.put("micronaut.http.services.upstream.url", url);
        return properties;
    }

    @AfterAll
    void cleanUp() {
        upstream.stop(0);
        db.close();
    }

    @Test
    void recordsEachCallAndListsTheLatestFirst() {
        upstreamStatus = 200;
        client.toBlocking().retrieve("/");
        upstreamStatus = 500;
        HttpClientResponseException failed = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve("/"));
        assertEquals(HttpStatus.BAD_GATEWAY, failed.getStatus());

        List<Map<String, Object>> calls = client.toBlocking().retrieve(HttpRequest.GET("/calls?size=2"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertEquals(2, calls.size());
        assertEquals(502, calls.get(0).get("status"));
        assertEquals(200, calls.get(1).get("status"));
        String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
        assertTrue(calls.stream().allMatch(call -> url.equals(call.get("upstream"))), calls.toString());
        assertTrue(((Number) calls.get(0).get("id")).longValue() > ((Number) calls.get(1).get("id")).longValue());
        assertNotNull(calls.get(0).get("at"));
        assertTrue(((Number) calls.get(1).get("latencyMs")).longValue() >= 0);
    }

    private HttpServer stubUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = HOPS.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(upstreamStatus, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
