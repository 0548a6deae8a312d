package usersapi;

import java.util.HashMap;
import java.util.Map;
import usersapi.auth.AuthSettings;
import usersapi.system.DatabaseSettings;

/** The properties main() would derive from DATABASE_*, AUTH_* and no collector, for a test's application context. */
public final class TestProperties {

    private TestProperties() {
    }

    /** Without AUTH_JWKS_URL: writes open. */
    public static Map<String, String> of(DatabaseSettings settings) {
        return of(settings, AuthSettings.fromEnv(Map.of()));
    }

    public static Map<String, String> of(DatabaseSettings settings, AuthSettings auth) {
        Map<String, String> properties = new HashMap<>();
        settings.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        auth.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        Application.traceExport(Map.of()).forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }
}
