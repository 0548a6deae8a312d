package auth.login;

import static auth.LoginRequests.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import auth.TestProperties;
import auth.system.DatabaseSettings;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** The real logback.xml as the image runs it (LOG_FORMAT=json, ACCESS_LOG=true), turned down to TRACE, read back from stdout and stderr. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLogTest implements TestPropertyProvider {

    // The demo account's password, and a wrong one: markers the log must never show.
    private static final String PASSWORD = "admin-dev-only";
    private static final String WRONG_PASSWORD = "wrong-7f3a9c-never-log-me";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestProperties.of(DatabaseSettings.fromEnv(Map.of())));
        properties.put("access-log.enabled", "true");
        return properties;
    }

    @AfterAll
    void restoreLogging() throws JoranException {
        System.clearProperty("LOG_FORMAT");
        reconfigureLogback();
    }

    @Test
    void logsNeitherAWrongNorARightNorAMalformedLoginsPasswordAtAnyLevel() throws Exception {
        int[] status = new int[3];
        String output = captureOutput(() -> {
            status[0] = login(client, "admin", WRONG_PASSWORD).code();
            status[1] = login(client, "admin", PASSWORD).code();
            status[2] = malformedLogin();
        });

        assertEquals(401, status[0]);
        assertEquals(200, status[1]);
        assertEquals(400, status[2], "a body the parser rejects, with the password in it");
        assertTrue(output.contains("\"path\":\"/auth/login\""), "the capture caught no access line: " + output);
        assertTrue(output.contains("\"level\":\"DEBUG\"") || output.contains("\"level\":\"TRACE\""), "nothing was logged below INFO");
        assertFalse(output.contains(WRONG_PASSWORD), "the wrong password reached the log");
        assertFalse(output.contains(PASSWORD), "the password reached the log");
    }

    /** The parser's messages may quote the input they failed on. */
    private int malformedLogin() {
        String body = "{\"username\":\"admin\",\"password\":\"" + WRONG_PASSWORD + "\" \"unterminated";
        try {
            return client.toBlocking().exchange(HttpRequest.POST("/auth/login", body).contentType(MediaType.APPLICATION_JSON_TYPE),
                    String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static String captureOutput(Runnable action) throws JoranException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setProperty("LOG_FORMAT", "json");
        System.setOut(both);
        System.setErr(both);
        try {
            reconfigureLogback();
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
            // The test's own HTTP client runs in this JVM too, and it sends the password by design: not the service's log.
            logback.getLogger("io.micronaut.http.client").setLevel(Level.INFO);
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void reconfigureLogback() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
