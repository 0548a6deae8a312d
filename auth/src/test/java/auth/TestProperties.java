package auth;

import auth.system.DatabaseSettings;
import java.util.HashMap;
import java.util.Map;

/** The properties main() would derive from DATABASE_* and no collector, for a test's application context. */
public final class TestProperties {

    private TestProperties() {
    }

    public static Map<String, String> of(DatabaseSettings settings) {
        Map<String, String> properties = new HashMap<>();
        settings.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        Application.traceExport(Map.of()).forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }
}
