package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import usersapi.ProxiedDatabase;
import usersapi.TestProperties;

/** The real logback.xml with LOG_FORMAT=json, read back from stdout while a request fails on a lost database. */
// A context per test: the handler logs an outage at most every 10 s.
@MicronautTest(rebuildContext = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFailureLogTest implements TestPropertyProvider {

    // The password of a role of the test's own: a marker the log must never show, on any server's authentication.
    private static final String PASSWORD = "never-log-me-7f3a9c";
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    private ProxiedDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = ProxiedDatabase.postgres("jsonlog");
        return TestProperties.of(DatabaseSettings.fromEnv(database.envWithPassword(PASSWORD)));
    }

    @AfterAll
    void cleanUp() throws JoranException {
        database.close();
        System.clearProperty("LOG_FORMAT");
        reconfigureLogback();
    }

    @Test
    void logsTheFailureAsJsonWithLevelLoggerMessageAndTraceIdButNoPassword() throws Exception {
        database.cut();
        HttpStatus[] status = new HttpStatus[1];
        String output = captureStdout(() -> status[0] = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.GET("/users").header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"))).getStatus());
        database.restore();

        // No query ran before the cut, so this is the pool failing to connect, not a connection dying mid-query.
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status[0]);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "the failing request logged nothing");
        for (String line : lines) {
            Map<String, Object> event = json.readValue(line, Argument.mapOf(String.class, Object.class));
            assertTrue(event.containsKey("level") && event.containsKey("logger_name") && event.containsKey("message"), line);
        }
        Map<String, Object> failure = unavailableEvent(output);
        assertEquals("WARN", failure.get("level"));
        assertEquals(DatabaseFailureHandler.class.getName(), failure.get("logger_name"));
        assertEquals(TRACE_ID, failure.get("trace_id"));
        assertFalse(output.contains(PASSWORD), "the password reached the log");
    }

    @Test
    void logsATraceIdEvenWhenTheCallerSentNone() throws Exception {
        database.cut();
        String output = captureStdout(() -> assertThrows(HttpClientResponseException.class, () -> client.toBlocking().retrieve("/users")));
        database.restore();

        Map<String, Object> failure = unavailableEvent(output);
        assertTrue(String.valueOf(failure.get("trace_id")).matches("[0-9a-f]{32}"), failure.toString());
    }

    private Map<String, Object> unavailableEvent(String output) {
        return output.lines().filter(line -> !line.isBlank())
                .map(this::readEvent)
                .filter(event -> String.valueOf(event.get("message")).startsWith("database unavailable"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'database unavailable' event in " + output));
    }

    private Map<String, Object> readEvent(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String captureStdout(Runnable action) throws JoranException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("LOG_FORMAT", "json");
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            reconfigureLogback();
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void reconfigureLogback() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
