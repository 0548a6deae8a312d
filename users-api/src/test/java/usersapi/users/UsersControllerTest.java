package usersapi.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbmigrations.TestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.TestProperties;
import usersapi.system.DatabaseSettings;

/** The whole HTTP contract, once per engine; each engine gets a fresh database built by db-migrations. */
class UsersControllerTest {

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnMysql extends Contract {
        @Override
        String kind() {
            return "mysql";
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {
        @Override
        String kind() {
            return "postgres";
        }
    }

    @Nested
    @MicronautTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnEmbeddedH2 extends Contract {
        @Override
        String kind() {
            return DatabaseSettings.H2;
        }
    }

    abstract static class Contract implements TestPropertyProvider {

        @Inject
        @Client("/")
        HttpClient client;

        private TestDatabase database;

        abstract String kind();

        @Override
        public Map<String, String> getProperties() {
            if (kind().equals(DatabaseSettings.H2)) {
                return TestProperties.of(DatabaseSettings.fromEnv(Map.of()));
            }
            database = TestDatabase.of(kind(), "users");
            database.migrate("users-api", "update");
            return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
        }

        @AfterAll
        void dropDatabase() {
            if (database != null) {
                database.close();
            }
        }

        @Test
        void createsAUserAndAnswersWithItsLocation() {
            HttpResponse<User> response = client.toBlocking()
                    .exchange(HttpRequest.POST("/users", Map.of("name", "Ada", "email", "Ada." + unique() + "@Example.com")), User.class);

            assertEquals(HttpStatus.CREATED, response.getStatus());
            User created = response.body();
            assertEquals("/users/" + created.id(), response.header("Location"));
            assertTrue(created.email().startsWith("ada.") && created.email().endsWith("@example.com"), created.email());
            assertEquals(created, client.toBlocking().retrieve("/users/" + created.id(), User.class));
        }

        @Test
        void listsUsersOrderedByIdAndPages() {
            User first = create(user("First"));
            User second = create(user("Second"));
            User third = create(user("Third"));

            List<User> all = list("/users?size=1000");
            assertTrue(all.containsAll(List.of(first, second, third)), all.toString());
            assertEquals(all.stream().map(User::id).sorted().toList(), all.stream().map(User::id).toList());
            assertEquals(all.subList(0, 2), list("/users?page=0&size=2"));
            assertEquals(all.subList(2, 3), list("/users?page=1&size=2").subList(0, 1));
        }

        @Test
        void answersNotFoundForAnUnknownId() {
            Map<?, ?> problem = problem(HttpStatus.NOT_FOUND, HttpRequest.GET("/users/987654321"));

            assertEquals("no user with id 987654321", problem.get("detail"));
        }

        @Test
        void deletesAUserOnce() {
            User user = create(user("Gone"));

            assertEquals(HttpStatus.NO_CONTENT, client.toBlocking().exchange(HttpRequest.DELETE("/users/" + user.id())).getStatus());
            problem(HttpStatus.NOT_FOUND, HttpRequest.GET("/users/" + user.id()));
            problem(HttpStatus.NOT_FOUND, HttpRequest.DELETE("/users/" + user.id()));
        }

        @Test
        void rejectsDuplicateEmailWhateverItsCase() {
            Map<String, String> ada = user("Ada");
            create(ada);
            int before = list("/users?size=1000").size();

            Map<?, ?> problem = problem(HttpStatus.CONFLICT,
                    HttpRequest.POST("/users", Map.of("name", "Other Ada", "email", ada.get("email").toUpperCase())));

            assertEquals("email", problem.get("field"));
            assertEquals(before, list("/users?size=1000").size());
        }

        @Test
        void rejectsMissingBlankOverlongAndMalformedFieldsNamingThem() {
            int before = list("/users?size=1000").size();

            assertEquals("name", badRequest("{\"email\":\"" + unique() + "@example.com\"}").get("field"));
            assertEquals("name", badRequest("{\"name\":\"   \",\"email\":\"" + unique() + "@example.com\"}").get("field"));
            assertEquals("name", badRequest("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"" + unique() + "@example.com\"}").get("field"));
            assertEquals("email", badRequest("{\"name\":\"Ada\"}").get("field"));
            assertEquals("email", badRequest("{\"name\":\"Ada\",\"email\":\"not-an-email\"}").get("field"));
            assertEquals("email", badRequest("{\"name\":\"Ada\",\"email\":\"" + "x".repeat(250) + "@example.com\"}").get("field"));
            assertEquals(before, list("/users?size=1000").size());
        }

        @Test
        void rejectsInvalidJsonSayingWhereWithoutParserInternals() {
            int before = list("/users?size=1000").size();

            assertEquals("the body is not the expected JSON (line 1, column 9)", badRequest("{\"name\":").get("detail"));
            for (String json : List.of("{\"name\":5,\"email\":[]}", "[1,2]", "\"Ada\"")) {
                Map<?, ?> problem = badRequest(json);
                assertTrue(String.valueOf(problem.get("detail")).startsWith("the body is not the expected JSON"), json + ": " + problem);
                assertFalse(problem.containsKey("field"), json + " names no field of the body: " + problem);
            }
            assertEquals(before, list("/users?size=1000").size());
        }

        @Test
        void rejectsBadPaging() {
            assertEquals("page", problem(HttpStatus.BAD_REQUEST, HttpRequest.GET("/users?page=-1")).get("field"));
            assertEquals("size", problem(HttpStatus.BAD_REQUEST, HttpRequest.GET("/users?size=abc")).get("field"));
        }

        @Test
        void rejectsBodiesOver64KiB() {
            String body = "{\"name\":\"" + "x".repeat(64 * 1024) + "\",\"email\":\"big@example.com\"}";

            problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, HttpRequest.POST("/users", body).contentType(MediaType.APPLICATION_JSON_TYPE));
        }

        @Test
        void answersTheBuildVersionAsText() {
            HttpResponse<String> response = client.toBlocking().exchange("/version", String.class);

            assertEquals("1.0.0\n", response.body());
            assertEquals(MediaType.TEXT_PLAIN, response.getContentType().orElseThrow().getName());
        }

        static Map<String, String> user(String name) {
            return Map.of("name", name, "email", name.toLowerCase() + "." + unique() + "@example.com");
        }

        static String unique() {
            return UUID.randomUUID().toString().substring(0, 8);
        }

        User create(Map<String, String> user) {
            return client.toBlocking().retrieve(HttpRequest.POST("/users", user), User.class);
        }

        List<User> list(String path) {
            return List.of(client.toBlocking().retrieve(path, User[].class));
        }

        Map<?, ?> badRequest(String json) {
            return problem(HttpStatus.BAD_REQUEST, HttpRequest.POST("/users", json).contentType(MediaType.APPLICATION_JSON_TYPE));
        }

        /** The error every failure must be: the expected status, as problem+json. */
        Map<?, ?> problem(HttpStatus status, HttpRequest<?> request) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(request, String.class));
            assertEquals(status, e.getStatus());
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().getName());
            Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
            assertEquals(status.getCode(), body.get("status"));
            return body;
        }
    }
}
