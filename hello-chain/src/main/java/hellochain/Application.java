package hellochain;

import hellochain.calls.CallsDatabase;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.Map;

@OpenAPIDefinition(info = @Info(title = "hello-chain", version = "1", description = "One image, two roles: the end of a chain, or a caller that adds its hop in front of its upstream's."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                // With DATABASE_HOST set, a datasource for recording calls; without it, none, and the chain works as before.
                .properties(CallsDatabase.properties(System.getenv()))
                .properties(traceExport(System.getenv()))
                .start();
    }

    /** Without a collector, spans keep their ids for the logs and traceparent but record nothing: recording halved throughput (bench/README.md). */
    static Map<String, Object> traceExport(Map<String, String> env) {
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        return endpoint.isBlank() ? Map.of("otel.traces.sampler", "parentbased_always_off") : Map.of("otel.traces.exporter", "otlp");
    }
}
