package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import usersapi.TestProperties;

/** As {@code java -jar users-api.jar} starts without DATABASE_HOST: db-migrations' changelog applied to H2 with the demo users. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedDemoDatabaseTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of(DatabaseSettings.fromEnv(Map.of()));
    }

    @Test
    void startsWithTheThreeDemoUsers() {
        Map<?, ?>[] users = client.toBlocking().retrieve("/users?size=3", Map[].class);

        assertEquals(List.of("ada@example.com", "grace@example.com", "alan@example.com"),
                Arrays.stream(users).map(user -> user.get("email")).toList());
    }

    @Test
    void recordsEveryChangesetOfTheUsersApiChangelog() throws SQLException {
        assertEquals(List.of("0001-create-users", "0002-add-created-at", "0003-demo-users"),
                column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"));
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = resolver.resolve(dataSource).getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
