package usersapi.users;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connection, made lazily so the service starts and answers while Redis is down, behind a circuit
 * breaker: every command is bounded by a short timeout, and after a failure Redis is skipped for an open period,
 * then one caller probes it. A hung Redis so costs one timeout per period instead of one or two per read. One
 * warning when it opens, one line when it closes again.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisLink {

    static final Duration TIMEOUT = Duration.ofMillis(500);
    // Long against a request, short against an outage: the cache is back within seconds of Redis.
    static final Duration OPEN_PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long probeAt = System.nanoTime();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Consumer<RedisCommands<String, String>> onReconnect = commands -> { };

    RedisLink(RedisClient client, @Value("${redis.uri}") String uri) {
        this.client = client;
        this.uri = RedisURI.create(uri);
        // The URI's timeout bounds the connection handshake too, which a hung Redis would otherwise stall for 60 s.
        this.uri.setTimeout(TIMEOUT);
        // Fail fast instead of queueing commands while disconnected, the default that would hang requests.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    /** Run when Redis answers again after an outage: evictions missed meanwhile make its entries suspect. */
    void onReconnect(Consumer<RedisCommands<String, String>> action) {
        this.onReconnect = action;
    }

    <T> Optional<T> call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || open.get()) {
            // One caller connects or probes at a time; the others go to the database meanwhile.
            if (System.nanoTime() - probeAt < 0 || !probing.compareAndSet(false, true)) {
                return Optional.empty();
            }
            try {
                current = probe();
            } catch (RedisException e) {
                trip(e);
                return Optional.empty();
            } finally {
                probing.set(false);
            }
        }
        try {
            return Optional.ofNullable(command.apply(current.sync()));
        } catch (RedisException e) {
            trip(e);
            return Optional.empty();
        }
    }

    private StatefulRedisConnection<String, String> probe() {
        if (connection == null) {
            connection = client.connect(uri);
        }
        if (open.get()) {
            onReconnect.accept(connection.sync());
            open.set(false);
            LOG.info("Redis is back: the read cache is in use again");
        }
        return connection;
    }

    private void trip(RedisException e) {
        probeAt = System.nanoTime() + OPEN_PERIOD.toNanos();
        if (open.compareAndSet(false, true)) {
            LOG.warn("Redis unavailable, reading from the database until it is back (probed every {} s): {}",
                    OPEN_PERIOD.toSeconds(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
