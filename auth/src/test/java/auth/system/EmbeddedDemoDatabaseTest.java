package auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import auth.LoginRequests;
import auth.TestProperties;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** As {@code java -jar auth.jar} starts without DATABASE_HOST: db-migrations' auth changelog applied to H2 with the demo account. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedDemoDatabaseTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of(DatabaseSettings.fromEnv(Map.of()));
    }

    @Test
    void logsTheDemoAdminInWithItsDevOnlyPasswordAndRole() throws Exception {
        String body = LoginRequests.body(LoginRequests.login(client, "admin", "admin-dev-only"));

        assertEquals(List.of("users:write"), json.readValue(body, Map.class).get("roles"));
    }

    @Test
    void recordsEveryChangesetOfTheAuthChangelog() throws SQLException {
        assertEquals(List.of("0001-create-accounts", "0002-demo-account"), column("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"));
        assertEquals(List.of("admin"), column("SELECT username FROM accounts"));
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
