package hellochain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The caller role against a real stub upstream: one context per upstream behaviour. */
class ChainControllerTest {

    /** The problem+json body of GET /'s error answer, once its status and content type are checked. */
    static Map<?, ?> errorBody(HttpClient client, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET("/").accept(MediaType.APPLICATION_JSON_TYPE)));

        assertEquals(status, e.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_PROBLEM_TYPE, e.getResponse().getContentType().orElseThrow());
        return e.getResponse().getBody(Map.class).orElseThrow();
    }

    abstract static class WithStub implements TestPropertyProvider {

        final StubUpstream stub;

        WithStub(StubUpstream.Behaviour behaviour) {
            this.stub = StubUpstream.start(behaviour);
        }

        @Override
        public Map<String, String> getProperties() {
            String url = stub.url();
            Map<String, String> properties = new HashMap<>(Map.of("upstream.url", url, "micronaut.http.services.upstream.url", url,
                    "micronaut.http.services.upstream.read-timeout", "500ms"));
            // Tracing as shipped without a collector, so the traceparent tests cover what runs by default.
            Application.traceExport(Map.of()).forEach((key, value) -> properties.put(key, String.valueOf(value)));
            return properties;
        }

        @AfterAll
        void stopStub() {
            stub.close();
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UpstreamOk extends WithStub {

        @Inject
        @Client("/")
        HttpClient client;

        UpstreamOk() {
            super(StubUpstream.Behaviour.OK);
        }

        @Test
        void returnsBothHopsAsText() {
            String body = client.toBlocking().retrieve("/");

            String[] lines = body.split("\n");
            assertEquals(2, lines.length, body);
            assertTrue(lines[0].startsWith("hop 1: hello-chain on "), body);
            assertTrue(lines[0].contains(" -> " + stub.url() + " ("), body);
            assertEquals("hop 2: hello-chain on upstream-host:1402: hello world", lines[1]);
        }

        @Test
        void returnsBothHopsAsJsonWithTheCallLatency() {
            Hops hops = client.toBlocking().retrieve(HttpRequest.GET("/").accept(MediaType.APPLICATION_JSON_TYPE), Hops.class);

            assertEquals(2, hops.hops().size());
            Hop caller = hops.hops().get(0);
            assertEquals(stub.url(), caller.upstream());
            assertNotNull(caller.latencyMs());
            assertEquals(StubUpstream.UPSTREAM_HOP, hops.hops().get(1));
        }

        @Test
        void propagatesTheCallersTraceToTheUpstream() {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

            client.toBlocking().retrieve(HttpRequest.GET("/").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

            String received = stub.lastTraceparent();
            assertNotNull(received, "the upstream received no traceparent");
            assertEquals(traceId, received.split("-")[1], received);
        }

        @Test
        void startsATraceForTheUpstreamWhenTheCallerSentNone() {
            client.toBlocking().retrieve("/");

            String received = stub.lastTraceparent();
            assertNotNull(received, "the upstream received no traceparent");
            assertTrue(received.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]") && !received.contains("-" + "0".repeat(32) + "-"), received);
        }

        @Test
        void reportsTheUpstreamCallInMetrics() {
            client.toBlocking().retrieve("/");

            String metrics = client.toBlocking().retrieve("/prometheus");
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_client_requests_seconds_count{")
                    && line.contains("serviceId=\"upstream\"") && line.contains("status=\"200\"")), metrics);
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UpstreamSlow extends WithStub {

        @Inject
        @Client("/")
        HttpClient client;

        UpstreamSlow() {
            super(StubUpstream.Behaviour.SLOW);
        }

        @Test
        void answersGatewayTimeoutWithJson() {
            Map<?, ?> body = errorBody(client, HttpStatus.GATEWAY_TIMEOUT);

            assertEquals("upstream timed out", body.get("error"));
            assertEquals(504, body.get("status"));
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UpstreamFailing extends WithStub {

        @Inject
        @Client("/")
        HttpClient client;

        UpstreamFailing() {
            super(StubUpstream.Behaviour.FAIL);
        }

        @Test
        void answersBadGatewayWithJsonNamingTheUpstreamStatus() {
            Map<?, ?> body = errorBody(client, HttpStatus.BAD_GATEWAY);

            assertEquals("upstream answered 500", body.get("error"));
            assertEquals(stub.url(), body.get("upstream"));
            assertEquals(502, body.get("status"));
        }
    }
}
