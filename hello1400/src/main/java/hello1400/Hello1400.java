package hello1400;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Answers every request, whatever its path or method, with {@code 200 hello world}. */
public final class Hello1400 {

    static final int DEFAULT_PORT = 1400;
    private static final byte[] BODY = "hello world\n".getBytes(StandardCharsets.UTF_8);
    // Under Kubernetes' default 30 s termination grace period; JDK 17's server may wait all of it.
    private static final int SHUTDOWN_GRACE_SECONDS = 5;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Logger LOG = Logger.getLogger(Hello1400.class.getName());

    private final HttpServer server;
    private final ExecutorService workers;

    private Hello1400(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        Hello1400 app = start(port(System.getenv("PORT")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> app.stop(SHUTDOWN_GRACE_SECONDS), "shutdown"));
        LOG.info(() -> "hello1400 " + version() + " listening on port " + app.port());
    }

    static Hello1400 start(int port) throws IOException {
        // JDK 17's server writes headers and body apart with Nagle on: a 40 ms delayed-ACK stall per answer.
        // Read once, when the first server is created; a value given with -D wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        // A bounded pool: the JDK server's default runs every request on the accept thread.
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        server.setExecutor(workers);
        server.createContext("/", Hello1400::answer);
        server.start();
        return new Hello1400(server, workers);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets in-flight requests finish for up to {@code graceSeconds}, then returns. */
    void stop(int graceSeconds) {
        server.stop(graceSeconds);
        workers.shutdown();
        try {
            workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("PORT must be between 0 and 65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, got " + value, e);
        }
    }

    private static String version() {
        return Optional.ofNullable(Hello1400.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            // Drain the request so keep-alive connections stay usable.
            body.transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : BODY.length);
            if (!head) {
                exchange.getResponseBody().write(BODY);
            }
        }
    }
}
