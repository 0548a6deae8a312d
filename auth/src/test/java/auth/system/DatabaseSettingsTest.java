package auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DATABASE_* as every module reads it, with auth's own defaults: PostgreSQL, database and user auth. */
class DatabaseSettingsTest {

    @Test
    void defaultsToPostgresWithTheAuthDatabaseAndUser() {
        assertEquals("postgres://auth@auth-db:5432/auth", DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "auth-db")).toString());
        assertEquals("mysql://auth@auth-db:3306/auth",
                DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "auth-db", "DATABASE_KIND", "mysql", "DATABASE_PORT", "")).toString());
    }

    @Test
    void runsEmbeddedWhenTheHostIsEmpty() {
        assertTrue(DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", " ", "DATABASE_PORT", "5432")).embedded());
    }

    @Test
    void boundsEveryWaitOnTheDatabase() {
        Map<String, Object> properties = DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "auth-db")).properties();

        assertEquals("jdbc:postgresql://auth-db:5432/auth?connectTimeout=1&loginTimeout=1&socketTimeout=1&ApplicationName=auth",
                properties.get("datasources.default.url"));
    }

    @Test
    void rejectsAnUnknownKindAndAPortThatIsNotANumber() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "db", "DATABASE_KIND", "oracle")));
        assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "db", "DATABASE_PORT", "x")));
    }
}
