package usersapi.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbmigrations.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/**
 * The junk corpus (src/test/resources/junk/corpus.jsonl, also sent through the gateway by ci/junk-corpus.sh) over
 * real HTTP: every answer a 4xx problem+json, never a 500, and the users table unchanged to the byte.
 */
class JunkInputTest {

    /** Regenerates the corpus file from JunkCorpus: {@code ./mvnw -pl users-api test -Dtest=JunkInputTest -Djunk.corpus.write=true}. */
    private static final String WRITE = "junk.corpus.write";

    @Test
    void corpusFileIsWhatTheGeneratorMakes() throws IOException {
        List<String> generated = JunkCorpus.generate();
        if (Boolean.getBoolean(WRITE)) {
            Files.write(Path.of("src/test/resources", JunkCorpus.RESOURCE), generated, StandardCharsets.US_ASCII);
        }
        assertEquals(generated, corpusLines(), "src/test/resources/" + JunkCorpus.RESOURCE + " is stale; regenerate it with -D" + WRITE + "=true");
        assertTrue(generated.size() >= 200, generated.size() + " requests");
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnMysql extends Corpus {
        @Override
        String kind() {
            return "mysql";
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Corpus {
        @Override
        String kind() {
            return "postgres";
        }
    }

    abstract static class Corpus implements TestPropertyProvider {

        @Inject
        EmbeddedServer server;

        @Inject
        JsonMapper json;

        private TestDatabase database;

        abstract String kind();

        @Override
        public Map<String, String> getProperties() {
            database = TestDatabase.of(kind(), "junk");
            database.migrate("users-api", "update");
            return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        }

        @AfterAll
        void dropDatabase() {
            database.close();
        }

        @Test
        void answersEveryJunkRequestWithA4xxProblemAndChangesNoRow() throws Exception {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            for (String user : List.of("{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}",
                    "{\"name\":\"Zoë Ünicode 李\",\"email\":\"zoe@example.com\"}", "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}")) {
                HttpResponse<String> created = http.send(request("POST", "/users", JunkCorpus.JSON, user), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
            }
            String before = dump();

            List<String> lines = corpusLines();
            List<String> failures = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (String line : lines) {
                Map<?, ?> junk = json.readValue(line, Map.class);
                HttpResponse<byte[]> response = send(http, junk);
                String wrong = wrong(response);
                statuses.merge(response == null ? 0 : response.statusCode(), 1, Integer::sum);
                if (!wrong.isEmpty()) {
                    failures.add(junk.get("name") + ": " + wrong);
                }
            }
            long fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
            System.out.printf("junk corpus: %d requests, %d answers of 500, %d not a 4xx problem+json (%s; statuses %s)%n",
                    lines.size(), fiveHundreds, failures.size(), kind(), statuses);

            assertEquals(List.of(), failures);
            assertEquals(before, dump(), "the users table changed");
        }

        /** The answer, or null when none came. */
        private HttpResponse<byte[]> send(HttpClient http, Map<?, ?> junk) throws InterruptedException {
            try {
                return http.send(request(junk), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                return null;
            }
        }

        /** Empty when the answer is a 4xx problem+json, otherwise what was wrong with it. */
        private static String wrong(HttpResponse<byte[]> response) {
            if (response == null) {
                return "no answer";
            }
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("none");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            boolean problem = type.startsWith("application/problem+json") && body.contains("\"status\":" + status);
            return status >= 400 && status < 500 && problem ? "" : status + " " + type + " " + body.substring(0, Math.min(200, body.length()));
        }

        private HttpRequest request(Map<?, ?> junk) {
            byte[] body;
            if (junk.get("base64") != null) {
                body = Base64.getDecoder().decode((String) junk.get("base64"));
            } else {
                StringBuilder text = new StringBuilder();
                for (Object segment : junk.get("body") == null ? List.of() : (List<?>) junk.get("body")) {
                    text.append(segment instanceof Map<?, ?> run
                            ? String.valueOf(run.get("repeat")).repeat(((Number) run.get("times")).intValue()) : segment);
                }
                body = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            return request((String) junk.get("method"), (String) junk.get("path"), (String) junk.get("contentType"), body);
        }

        private HttpRequest request(String method, String path, String contentType, String body) {
            return request(method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        private HttpRequest request(String method, String path, String contentType, byte[] body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(10))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return request.build();
        }

        /** Every row, every column's bytes, in id order: what "unchanged" compares. */
        private String dump() throws SQLException {
            StringBuilder rows = new StringBuilder();
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM users ORDER BY id")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        byte[] value = rs.getBytes(i);
                        rows.append(value == null ? "NULL" : HexFormat.of().formatHex(value)).append('\t');
                    }
                    rows.append('\n');
                }
            }
            return rows.toString();
        }
    }

    static List<String> corpusLines() throws IOException {
        try (InputStream in = JunkInputTest.class.getClassLoader().getResourceAsStream(JunkCorpus.RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }
}
