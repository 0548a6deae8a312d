package usersapi.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import usersapi.ClosedPort;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/** REDIS_URI points at a port nobody listens on: every request still answers, with one warning in all. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLinkTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestProperties.of(DatabaseSettings.fromEnv(Map.of()));
        properties.put("redis.uri", "redis://127.0.0.1:" + ClosedPort.pick());
        return properties;
    }

    @Test
    void answersFromTheDatabaseAndWarnsOnceWhenRedisIsDown() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(RedisLink.class)).addAppender(log);

        for (int i = 0; i < 5; i++) {
            assertEquals(200, client.toBlocking().exchange("/users").code());
            assertEquals(200, client.toBlocking().exchange("/users/1").code());
        }
        User created = client.toBlocking().retrieve(HttpRequest.POST("/users", Map.of("name", "Nora", "email", "nora@example.com")), User.class);
        assertEquals(created, client.toBlocking().retrieve("/users/" + created.id(), User.class));

        assertEquals(1, log.list.stream().filter(event -> event.getLevel() == Level.WARN).count(), log.list.toString());
    }

    @Test
    void staysReadyWhileRedisIsDown() {
        assertEquals(200, client.toBlocking().exchange("/users").code());

        assertEquals(200, client.toBlocking().exchange("/health/readiness").code());
    }
}
