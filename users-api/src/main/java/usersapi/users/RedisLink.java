package usersapi.users;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
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
 * The Redis connection, made lazily so the service starts and answers while Redis is down. Every command is
 * bounded by a short timeout; while Redis is unavailable callers get nothing and go to the database, with one
 * warning when it goes away and one line when it is back.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisLink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final long RETRY_CONNECT_NANOS = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt = System.nanoTime();
    private volatile Consumer<RedisCommands<String, String>> onReconnect = commands -> { };

    RedisLink(RedisClient client) {
        this.client = client;
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
        RedisCommands<String, String> commands = commands();
        if (commands == null) {
            return Optional.empty();
        }
        try {
            if (down.compareAndSet(true, false)) {
                onReconnect.accept(commands);
                LOG.info("Redis is back: the read cache is in use again");
            }
            return Optional.ofNullable(command.apply(commands));
        } catch (RedisException e) {
            markDown(e);
            return Optional.empty();
        }
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current.sync();
        }
        if (System.nanoTime() < nextConnectAttempt) {
            return null;
        }
        synchronized (this) {
            if (connection == null && System.nanoTime() >= nextConnectAttempt) {
                try {
                    connection = client.connect();
                } catch (RedisException e) {
                    nextConnectAttempt = System.nanoTime() + RETRY_CONNECT_NANOS;
                    markDown(e);
                    return null;
                }
            }
            return connection == null ? null : connection.sync();
        }
    }

    private void markDown(RedisException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("Redis unavailable, reading from the database until it is back: {}", e.getMessage());
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
