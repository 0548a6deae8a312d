package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.Blackhole;
import usersapi.ProxiedDatabase;
import usersapi.TestProperties;

/**
 * The database accepts TCP and never answers, on both drivers: before any connection is open (a blackhole
 * listener), and once the pool holds open connections (a proxy that starts swallowing bytes). Every request still
 * gets its 503 problem+json within 2 s.
 */
class HungDatabaseTest {

    private static final int CONCURRENT = 8;

    /** GET /users answers 503 problem+json, however many requests wait at once; returns the slowest, in ms. */
    static long worstOfConcurrent503s(HttpClient client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                answers.add(pool.submit(() -> timed503(client)));
            }
            long worst = 0;
            for (Future<Long> answer : answers) {
                worst = Math.max(worst, answer.get());
            }
            assertTrue(worst < 2000, "the slowest of " + CONCURRENT + " concurrent 503s took " + worst + " ms");
            return worst;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long timed503(HttpClient client) {
        long started = System.nanoTime();
        try {
            client.toBlocking().exchange("/users", String.class);
        } catch (HttpClientResponseException e) {
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().getName());
            return (System.nanoTime() - started) / 1_000_000;
        }
        throw new AssertionError("GET /users answered 200 from a hung database");
    }

    private static void report(String what, long worstMillis) {
        System.out.printf("hung database, %s: worst 503 after %d ms (bound 2000 ms)%n", what, worstMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nothing but a listener that accepts and stays silent, from the start: no connection ever opens. */
    abstract static class NeverAnswering implements TestPropertyProvider {

        private final String kind;
        private final Blackhole blackhole = Blackhole.start();

        @Inject
        @Client("/")
        HttpClient client;

        NeverAnswering(String kind) {
            this.kind = kind;
        }

        @Override
        public Map<String, String> getProperties() {
            return TestProperties.of(DatabaseSettings.fromEnv(Map.of(
                    "DATABASE_KIND", kind, "DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", String.valueOf(blackhole.port()))));
        }

        @AfterAll
        void closeBlackhole() {
            blackhole.close();
        }

        @Test
        void answers503WithinTwoSecondsWhileNoConnectionCanOpen() throws Exception {
            long worst = 0;
            for (int i = 0; i < 3; i++) {
                worst = Math.max(worst, WithoutDatabase.assertAnswers503FastAndStaysReady(client));
            }
            worst = Math.max(worst, worstOfConcurrent503s(client));
            report(kind + ", blackhole listener", worst);
        }
    }

    /** A real database whose open, pooled connections go silent mid-run, then come back. */
    abstract static class GoingSilent implements TestPropertyProvider {

        private final String kind;
        private ProxiedDatabase database;

        @Inject
        @Client("/")
        HttpClient client;

        GoingSilent(String kind) {
            this.kind = kind;
        }

        @Override
        public Map<String, String> getProperties() {
            database = ProxiedDatabase.of(kind, "hung");
            return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        }

        @AfterAll
        void dropDatabase() {
            database.close();
        }

        @Test
        void answers503WithinTwoSecondsWhenOpenConnectionsStopAnsweringThenRecovers() throws Exception {
            for (int i = 0; i < CONCURRENT; i++) {
                assertEquals(HttpStatus.OK, client.toBlocking().exchange("/users", String.class).getStatus());
            }

            database.hang();
            // At once: a connection the pool just used is handed out unchecked, so the query itself hangs.
            long worst = WithoutDatabase.assertAnswers503FastAndStaysReady(client);
            // Later: the pool checks an idle connection before handing it out, and that check hangs.
            sleep(1000);
            worst = Math.max(worst, WithoutDatabase.assertAnswers503FastAndStaysReady(client));
            worst = Math.max(worst, worstOfConcurrent503s(client));
            report(kind + ", pooled connections gone silent", worst);
            long started = System.nanoTime();
            HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange("/health/database", Map.class));
            long healthMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
            assertTrue(healthMillis < 2000, "/health/database answered after " + healthMillis + " ms");

            database.restore();
            HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
            for (int i = 0; i < 20 && status != HttpStatus.OK; i++) {
                sleep(500);
                try {
                    status = client.toBlocking().exchange("/users", String.class).getStatus();
                } catch (HttpClientResponseException e) {
                    status = e.getStatus();
                }
            }
            assertEquals(HttpStatus.OK, status, "GET /users once the database answers again");
        }
    }

    // No test transaction anywhere here: it would hold a pooled connection across the hang.

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MysqlNeverAnswering extends NeverAnswering {
        MysqlNeverAnswering() {
            super("mysql");
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresNeverAnswering extends NeverAnswering {
        PostgresNeverAnswering() {
            super("postgres");
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MysqlGoingSilent extends GoingSilent {
        MysqlGoingSilent() {
            super("mysql");
        }
    }

    @Nested
    @MicronautTest(transactional = false)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresGoingSilent extends GoingSilent {
        PostgresGoingSilent() {
            super("postgres");
        }
    }
}
