package hellochain.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsDatabaseTest {

    private static final String URL = "datasources.default.url";

    @Test
    void configuresNoDatasourceWithoutDatabaseHost() {
        assertEquals(Map.of(), CallsDatabase.properties(Map.of("DATABASE_NAME", "chain")));
        assertEquals(Map.of(), CallsDatabase.properties(Map.of("DATABASE_HOST", " ")));
    }

    @Test
    void pointsAtPostgresWithBoundedTimeouts() {
        Map<String, Object> properties = CallsDatabase.properties(Map.of("DATABASE_HOST", "chain-db", "DATABASE_USER", "chain"));

        assertEquals("jdbc:postgresql://chain-db:5432/chain?connectTimeout=1&socketTimeout=2&ApplicationName=hello-chain",
                properties.get(URL));
        assertEquals("1000", properties.get("datasources.default.connection-timeout"));
    }

    @Test
    void takesEmptyVariablesForTheirDefaults() {
        Map<String, Object> properties = CallsDatabase.properties(Map.of("DATABASE_HOST", "chain-db", "DATABASE_PORT", "",
                "DATABASE_NAME", "", "DATABASE_KIND", "", "DATABASE_USER", ""));

        assertEquals("jdbc:postgresql://chain-db:5432/chain?connectTimeout=1&socketTimeout=2&ApplicationName=hello-chain",
                properties.get(URL));
        assertEquals("chain", properties.get("datasources.default.username"));
    }

    @Test
    void rejectsMysqlAndAPortThatIsNotANumber() {
        assertThrows(IllegalArgumentException.class,
                () -> CallsDatabase.properties(Map.of("DATABASE_HOST", "db", "DATABASE_KIND", "mysql")));
        assertThrows(IllegalArgumentException.class,
                () -> CallsDatabase.properties(Map.of("DATABASE_HOST", "db", "DATABASE_PORT", "x")));
    }
}
