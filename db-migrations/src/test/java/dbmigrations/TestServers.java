package dbmigrations;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Where the test servers come from: the variable when set (CI, local servers), else a Testcontainers
 * container of the official image when Docker is available, else a skip naming the variable. Under CI=true
 * a missing server fails the test instead, so CI can never pass by skipping.
 */
public final class TestServers {

    public static final String MYSQL = "TEST_MYSQL_URL";
    public static final String POSTGRES = "TEST_POSTGRES_URL";
    public static final String REDIS = "TEST_REDIS_URI";

    private static final Map<String, URI> STARTED = new ConcurrentHashMap<>();

    private TestServers() {
    }

    /** {@code mysql://user[:password]@host:port}; a MariaDB server works too. */
    public static URI mysql() {
        return server(MYSQL, "mysql://root@127.0.0.1:3306", variable -> container(
                new GenericContainer<>("mysql:8.4").withEnv("MYSQL_ROOT_PASSWORD", "test").withExposedPorts(3306)
                        // The init server runs with networking off, so the port opens only for the real one.
                        .waitingFor(Wait.forListeningPort()),
                3306, "mysql://root:test@"));
    }

    /** {@code postgres://user[:password]@host:port}. */
    public static URI postgres() {
        return server(POSTGRES, "postgres://postgres@127.0.0.1:5432", variable -> container(
                new GenericContainer<>("postgres:17").withEnv("POSTGRES_PASSWORD", "test").withExposedPorts(5432)
                        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)),
                5432, "postgres://postgres:test@"));
    }

    /** {@code redis://host:port}. */
    public static URI redis() {
        return server(REDIS, "redis://127.0.0.1:6379", variable -> container(
                new GenericContainer<>("redis:7.4").withExposedPorts(6379).waitingFor(Wait.forListeningPort()),
                6379, "redis://"));
    }

    private static URI server(String variable, String example, Function<String, URI> startContainer) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return URI.create(value.strip());
        }
        if (dockerAvailable()) {
            return STARTED.computeIfAbsent(variable, startContainer);
        }
        String message = "no server for this test: set " + variable + " (e.g. " + variable + "=" + example
                + ") or start Docker for Testcontainers";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI=true never skips a database test");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static URI container(GenericContainer<?> container, int port, String prefix) {
        // Stopped by Testcontainers' reaper when the test JVM exits.
        container.withStartupTimeout(Duration.ofMinutes(2)).start();
        return URI.create(prefix + container.getHost() + ":" + container.getMappedPort(port));
    }
}
