package hellochain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** A real HTTP upstream on a free loopback port, playing one behaviour of the next service in the chain. */
final class StubUpstream implements AutoCloseable {

    enum Behaviour { OK, SLOW, FAIL }

    static final Hop UPSTREAM_HOP = Hop.last("hello-chain", "upstream-host", 1402);
    private static final String HOPS_JSON =
            "{\"hops\":[{\"service\":\"hello-chain\",\"host\":\"upstream-host\",\"port\":1402}]}";

    private final HttpServer server;
    private final AtomicReference<String> lastTraceparent;

    private StubUpstream(HttpServer server, AtomicReference<String> lastTraceparent) {
        this.server = server;
        this.lastTraceparent = lastTraceparent;
    }

    static StubUpstream start(Behaviour behaviour) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            AtomicReference<String> lastTraceparent = new AtomicReference<>();
            server.createContext("/", exchange -> {
                lastTraceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
                answer(exchange, behaviour);
            });
            server.start();
            return new StubUpstream(server, lastTraceparent);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The W3C trace context header of the last request received, or null. */
    String lastTraceparent() {
        return lastTraceparent.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, Behaviour behaviour) throws IOException {
        try (exchange) {
            if (behaviour == Behaviour.SLOW) {
                sleep(3_000);
            }
            int status = behaviour == Behaviour.FAIL ? 500 : 200;
            byte[] body = (behaviour == Behaviour.FAIL ? "boom" : HOPS_JSON).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", behaviour == Behaviour.FAIL ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
