package usersapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/** The two modes as main() starts them, on the embedded database: without AUTH_JWKS_URL, and with it. */
class WriteAccessLogTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(WriteAccessLog.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(WriteAccessLog.class)).detachAppender(log);
    }

    private static EmbeddedServer start(Map<String, String> env) {
        return ApplicationContext.run(EmbeddedServer.class,
                Map.copyOf(TestProperties.of(DatabaseSettings.fromEnv(Map.of()), AuthSettings.fromEnv(env))), "test");
    }

    @Test
    void opensWritesWithoutAJwksUrlAndSaysSoOnce() {
        try (EmbeddedServer server = start(Map.of("AUTH_JWKS_URL", "")); HttpClient client = HttpClient.create(server.getURL())) {
            String location = client.toBlocking().exchange(newUser(), Map.class).header("Location");
            assertEquals(HttpStatus.NO_CONTENT, client.toBlocking().exchange(HttpRequest.DELETE(location)).getStatus());

            ILoggingEvent line = single();
            assertEquals(Level.WARN, line.getLevel());
            assertTrue(line.getFormattedMessage().startsWith("AUTH_JWKS_URL is not set: POST and DELETE /users are open to anyone"),
                    line.getFormattedMessage());
        }
    }

    @Test
    void neverOpensWritesWithAJwksUrl() {
        try (JwksStub jwks = JwksStub.serving(Tokens.key("key-1")); EmbeddedServer server = start(Map.of("AUTH_JWKS_URL", jwks.url()));
             HttpClient client = HttpClient.create(server.getURL())) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(newUser(), Map.class));
            assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
            assertEquals(HttpStatus.UNAUTHORIZED, assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.DELETE("/users/1"))).getStatus());

            ILoggingEvent line = single();
            assertEquals(Level.INFO, line.getLevel());
            assertEquals("POST and DELETE /users need a bearer JWT with the role users:write, checked against the keys at "
                    + jwks.url(), line.getFormattedMessage());
        }
    }

    private ILoggingEvent single() {
        List<ILoggingEvent> lines = log.list;
        assertEquals(1, lines.size(), "one line at start: " + lines);
        return lines.get(0);
    }

    private static HttpRequest<?> newUser() {
        String name = "Writer " + UUID.randomUUID().toString().substring(0, 8);
        return HttpRequest.POST("/users", Map.of("name", name, "email", name.replace(' ', '.').toLowerCase() + "@example.com"));
    }
}
