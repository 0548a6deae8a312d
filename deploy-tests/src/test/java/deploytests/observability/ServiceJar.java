package deploytests.observability;

import static org.junit.jupiter.api.Assertions.fail;

import deploytests.k8s.Modules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A service run from the jar its module packaged, as the images run it, on a free loopback port, logging under target/. */
final class ServiceJar implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceJar(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code <module>/target/<module>.jar} with only PORT and {@code env} of the suite's variables set. */
    static ServiceJar start(String name, String module, Map<String, String> env) {
        Path jar = Modules.repositoryRoot().resolve(module + "/target/" + module + ".jar");
        if (!Files.isRegularFile(jar)) {
            String message = jar + " is missing: `./mvnw -B verify` packages it before these checks run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true never skips this check)");
            }
            Assumptions.abort(message + "; skipping");
        }
        try {
            int port = freePort();
            Path log = Files.createDirectories(Path.of("target/service-logs")).resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m",
                    "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
            // Nothing from the developer's shell may point the service elsewhere.
            builder.environment().keySet().removeIf(key -> key.startsWith("DATABASE_") || key.startsWith("OTEL_")
                    || List.of("UPSTREAM_URL", "REDIS_URI", "HOSTNAME").contains(key));
            builder.environment().putAll(Map.of("PORT", String.valueOf(port), "MICRONAUT_SERVER_HOST", "127.0.0.1", "LOG_FORMAT", "text"));
            builder.environment().putAll(env);
            return new ServiceJar(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Bounded: a service that exits or never gets ready fails the test with the end of its log. */
    ServiceJar awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (status("/health/readiness") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail(name + " did not get ready at " + url() + "; the end of " + log + ":\n" + tail());
            }
            Thread.sleep(250);
        }
        return this;
    }

    String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                fail(name + " answered " + response.statusCode() + " to " + path + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
