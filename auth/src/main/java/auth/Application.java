package auth;

import auth.system.DatabaseSettings;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        DatabaseSettings database;
        try {
            database = DatabaseSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("auth: " + e.getMessage());
            System.exit(2);
            return;
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .properties(database.properties())
                .properties(traceExport(System.getenv()))
                .start();
    }

    /** Without a collector, spans keep their ids for the logs and traceparent but record nothing: recording halved throughput (bench/README.md). */
    static Map<String, Object> traceExport(Map<String, String> env) {
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        return endpoint.isBlank() ? Map.of("otel.traces.sampler", "parentbased_always_off") : Map.of("otel.traces.exporter", "otlp");
    }
}
