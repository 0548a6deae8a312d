package usersapi;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Map;
import usersapi.auth.AuthSettings;
import usersapi.system.DatabaseSettings;

@OpenAPIDefinition(info = @Info(title = "users-api", version = "1", description = "JSON users on MySQL or PostgreSQL, with an optional Redis read cache."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT of the auth service with the role users:write; not needed when AUTH_JWKS_URL is unset.")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        DatabaseSettings database;
        AuthSettings auth;
        try {
            database = DatabaseSettings.fromEnv(System.getenv());
            auth = AuthSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("users-api: " + e.getMessage());
            System.exit(2);
            return;
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .properties(database.properties())
                .properties(auth.properties())
                .properties(traceExport(System.getenv()))
                .start();
    }

    /** Without a collector, spans keep their ids for the logs and traceparent but record nothing: recording halved throughput (bench/README.md). */
    static Map<String, Object> traceExport(Map<String, String> env) {
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        return endpoint.isBlank() ? Map.of("otel.traces.sampler", "parentbased_always_off") : Map.of("otel.traces.exporter", "otlp");
    }
}
