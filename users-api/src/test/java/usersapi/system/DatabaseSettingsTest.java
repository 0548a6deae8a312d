package usersapi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DATABASE_* as every module reads it: an empty variable counts as unset. */
class DatabaseSettingsTest {

    @Test
    void takesAnEmptyPortForTheKindsDefault() {
        Map<String, String> env = Map.of("DATABASE_HOST", "users-db", "DATABASE_PORT", "", "DATABASE_KIND", "postgres");

        assertEquals("postgres://postgres@users-db:5432/users", DatabaseSettings.fromEnv(env).toString());
        assertEquals("mysql://root@users-db:3306/users", DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "users-db", "DATABASE_PORT", "")).toString());
    }

    @Test
    void runsEmbeddedWhenTheHostIsEmpty() {
        assertTrue(DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "", "DATABASE_PORT", "3306")).embedded());
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.fromEnv(Map.of("DATABASE_HOST", "db", "DATABASE_PORT", "x")));
    }
}
