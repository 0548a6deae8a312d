package usersapi.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbmigrations.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.TestProperties;
import usersapi.TestRedis;
import usersapi.system.DatabaseSettings;

/** Real Redis and PostgreSQL: a cached read ignores a change made behind the API's back, a write evicts. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisUserCacheTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    private TestDatabase database;
    private String redisUri;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.postgres("cache");
        database.migrate("users-api", "update");
        redisUri = TestRedis.emptyDatabase();
        Map<String, String> properties = TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        properties.put("redis.uri", redisUri);
        return properties;
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Test
    void servesReadsFromTheCacheUntilAWriteEvictsThem() throws SQLException {
        User ada = client.toBlocking().retrieve(HttpRequest.POST("/users", Map.of("name", "Ada", "email", "ada@example.com")), User.class);
        assertEquals("Ada", get(ada.id()).name());
        assertEquals(List.of(ada), list());

        sql("UPDATE users SET name = 'Changed behind the cache' WHERE id = " + ada.id());
        assertEquals("Ada", get(ada.id()).name(), "a hit: the cached user");
        assertEquals("Ada", list().get(0).name(), "a hit: the cached page");
        assertTrue(redisHas(RedisUserCache.USERS) && redisHas(RedisUserCache.PAGES));

        User grace = client.toBlocking().retrieve(HttpRequest.POST("/users", Map.of("name", "Grace", "email", "grace@example.com")), User.class);
        assertEquals(List.of("Changed behind the cache", "Grace"), list().stream().map(User::name).toList(), "pages evicted");

        client.toBlocking().exchange(HttpRequest.DELETE("/users/" + ada.id()));
        assertEquals(List.of(grace), list());
    }

    @Test
    void countsCacheHitsAndMisses() {
        User alan = client.toBlocking().retrieve(HttpRequest.POST("/users", Map.of("name", "Alan", "email", "alan@example.com")), User.class);
        get(alan.id());
        get(alan.id());

        String metrics = client.toBlocking().retrieve("/prometheus");

        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("cache_gets_total{") && l.contains("result=\"hit\"")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("cache_gets_total{") && l.contains("result=\"miss\"")), metrics);
        // The table as it was: the other test lists every user.
        client.toBlocking().exchange(HttpRequest.DELETE("/users/" + alan.id()));
    }

    private User get(long id) {
        return client.toBlocking().retrieve("/users/" + id, User.class);
    }

    private List<User> list() {
        return List.of(client.toBlocking().retrieve("/users", User[].class));
    }

    private boolean redisHas(String key) {
        try (RedisClient redis = RedisClient.create(redisUri); StatefulRedisConnection<String, String> c = redis.connect()) {
            return c.sync().exists(key) == 1;
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = database.connect(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
