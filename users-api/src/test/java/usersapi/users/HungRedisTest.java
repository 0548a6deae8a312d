package usersapi.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dbmigrations.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import usersapi.TcpProxy;
import usersapi.TestProperties;
import usersapi.TestRedis;
import usersapi.system.DatabaseSettings;

/**
 * Redis accepts TCP and never answers, first before any connection is made, then on the open connection; a real
 * Redis behind a proxy answers again in between and after. Reads come from the database meanwhile, and the
 * breaker makes only the first of them wait for a Redis timeout.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungRedisTest implements TestPropertyProvider {

    private static final long TIMEOUT_MS = RedisLink.TIMEOUT.toMillis();
    private static final int READS = 20;

    @Inject
    @Client("/")
    HttpClient client;

    // Built before the first request, as in a service that has run a while: building it is no Redis timeout.
    @Inject
    RedisLink redis;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TestDatabase database;
    private String redisUri;
    private TcpProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.postgres("hungcache");
        database.migrate("users-api", "update");
        redisUri = TestRedis.emptyDatabase();
        URI redis = URI.create(redisUri);
        try {
            proxy = new TcpProxy(redis.getHost(), redis.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Hung before the service's first connection, so its handshake is what never gets an answer.
        proxy.hang();
        Map<String, String> properties = TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        properties.put("redis.uri", "redis://127.0.0.1:" + proxy.port() + redis.getPath());
        return properties;
    }

    @AfterAll
    void cleanUp() {
        ((Logger) LoggerFactory.getLogger(RedisLink.class)).detachAppender(log);
        proxy.close();
        database.close();
    }

    @Test
    void readsFromTheDatabaseWithOneTimeoutPerOutageAndUsesTheCacheOnceRedisAnswers() throws SQLException {
        log.start();
        ((Logger) LoggerFactory.getLogger(RedisLink.class)).addAppender(log);

        User ada = insert("Ada", "ada@example.com");
        warmUpWithoutRedis();
        assertEquals(ada, firstRequest("Redis hung from the start", () -> get(ada.id())), "read from the database");
        assertNextReadsSkipRedis(ada, "Redis hung from the start");

        proxy.restore();
        assertCacheUsedAgain(ada.id(), 1);

        rename(ada.id(), "Ada, from the database");
        User fromTheDatabase = new User(ada.id(), "Ada, from the database", ada.email());
        proxy.hang();
        assertEquals(fromTheDatabase, firstRequest("Redis hung mid-connection", () -> get(ada.id())), "read from the database");
        assertNextReadsSkipRedis(fromTheDatabase, "Redis hung mid-connection");

        proxy.restore();
        assertCacheUsedAgain(ada.id(), 2);

        assertEquals(2, count(Level.WARN), "one warning per outage: " + log.list);
        assertEquals(2, count(Level.INFO), "one line per recovery: " + log.list);
    }

    /** The first request after Redis hangs pays one Redis timeout at most, not one per Redis command. */
    private User firstRequest(String what, Supplier<User> request) {
        long started = System.nanoTime();
        User user = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2 * TIMEOUT_MS, what + ": the first request took " + millis + " ms");
        System.out.printf("%s: first request %d ms (Redis timeout %d ms)%n", what, millis, TIMEOUT_MS);
        return user;
    }

    /** Within the open period reads skip Redis: none of them waits for a timeout. */
    private void assertNextReadsSkipRedis(User expected, String what) {
        long started = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            assertEquals(expected, get(expected.id()));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < TIMEOUT_MS, what + ": " + READS + " reads took " + millis + " ms");
        System.out.printf("%s: the next %d reads in %d ms, against %d ms for one timeout each%n",
                what, READS, millis, READS * TIMEOUT_MS);
    }

    /** Once the breaker's probe finds Redis answering (its INFO line), reads fill the cache and hit it again. */
    private void assertCacheUsedAgain(long id, int recoveries) throws SQLException {
        long deadline = System.nanoTime() + RedisLink.OPEN_PERIOD.multipliedBy(3).toNanos();
        while (count(Level.INFO) < recoveries && System.nanoTime() < deadline) {
            get(id);
            sleep(200);
        }
        assertEquals(recoveries, count(Level.INFO), "the breaker closed once Redis answered: " + log.list);
        User cached = get(id);
        assertTrue(cached(id), "no cache entry for user " + id + " after Redis came back");
        rename(id, "Changed behind the cache");
        assertEquals(cached, get(id), "a cache hit");
        rename(id, cached.name());
    }

    /** A fresh service's first requests are slow for reasons of their own; these reach neither Redis nor the cache. */
    private void warmUpWithoutRedis() {
        for (int i = 0; i < 5; i++) {
            client.toBlocking().exchange("/health/database");
            assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange("/users/not-a-number"));
            assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                    HttpRequest.POST("/users", Map.of("name", "", "email", "not an email")), User.class));
        }
    }

    private User insert(String name, String email) throws SQLException {
        try (Connection connection = database.connect(); Statement s = connection.createStatement();
             ResultSet id = s.executeQuery("INSERT INTO users (name, email) VALUES ('" + name + "', '" + email + "') RETURNING id")) {
            id.next();
            return new User(id.getLong(1), name, email);
        }
    }

    private User get(long id) {
        return client.toBlocking().retrieve("/users/" + id, User.class);
    }

    private long count(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).count();
    }

    private boolean cached(long id) {
        try (RedisClient redis = RedisClient.create(redisUri); StatefulRedisConnection<String, String> c = redis.connect()) {
            return c.sync().hexists(RedisUserCache.USERS, String.valueOf(id));
        }
    }

    private void rename(long id, String name) throws SQLException {
        try (Connection connection = database.connect(); Statement s = connection.createStatement()) {
            s.execute("UPDATE users SET name = '" + name.replace("'", "''") + "' WHERE id = " + id);
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
