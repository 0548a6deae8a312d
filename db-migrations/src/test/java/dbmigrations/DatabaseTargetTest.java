package dbmigrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DATABASE_* as every module reads it: an empty variable counts as unset. */
class DatabaseTargetTest {

    @Test
    void takesAnEmptyPortForTheKindsDefault() {
        Map<String, String> env = Map.of("DATABASE_HOST", "users-db", "DATABASE_PORT", "", "DATABASE_KIND", " ");

        assertEquals("mysql://root@users-db:3306/users", DatabaseTarget.fromEnv(env, Service.USERS_API).toString());
        assertEquals("postgres://postgres@users-db:5432/chain", DatabaseTarget.fromEnv(env, Service.HELLO_CHAIN).toString());
        assertEquals("postgres://postgres@users-db:5432/auth", DatabaseTarget.fromEnv(env, Service.AUTH).toString());
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThrows(UsageException.class, () -> DatabaseTarget.fromEnv(Map.of("DATABASE_PORT", "mysql"), Service.USERS_API));
    }
}
