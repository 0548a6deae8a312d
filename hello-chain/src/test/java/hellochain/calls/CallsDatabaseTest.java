package hellochain.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsDatabaseTest {

    @Test
    void configuresNoDatasourceWithoutDatabaseHost() {
        assertEquals(Map.of(), CallsDatabase.properties(Map.of("DATABASE_NAME", "chain")));
    }

    @Test
    void pointsAtPostgresWithBoundedTimeouts() {
        Map<String, Object> properties = CallsDatabase.properties(Map.of("DATABASE_HOST", "chain-db", "DATABASE_USER", "chain"));

        assertEquals("jdbc:postgresql://chain-db:5432/chain?connectTimeout=1&socketTimeout=2&ApplicationName=hello-chain",
                properties.get("datasources.default.url"));
        assertEquals("1000", properties.get("datasources.default.connection-timeout"));
    }

    @Test
    void refusesMysql() {
        assertThrows(IllegalArgumentException.class,
                () -> CallsDatabase.properties(Map.of("DATABASE_HOST", "db", "DATABASE_KIND", "mysql")));
    }
}
