package echo;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.Map;

@OpenAPIDefinition(info = @Info(title = "echo", version = "1", description = "Answers with the replica's host name, the request method and path."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .properties(traceExport(System.getenv()))
                .properties(portArgument(args))
                .start();
    }

    /** Without a collector, spans keep their ids for the logs and traceparent but record nothing: recording halved throughput (bench/README.md). */
    static Map<String, Object> traceExport(Map<String, String> env) {
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        return endpoint.isBlank() ? Map.of("otel.traces.sampler", "parentbased_always_off") : Map.of("otel.traces.exporter", "otlp");
    }

    /** The port may also come as the first argument, as the original echo app took it: {@code java -jar echo.jar 8080}. */
    static Map<String, Object> portArgument(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return Map.of();
        }
        if (!args[0].matches("\\d{1,5}")) {
            throw new IllegalArgumentException("the first argument must be a port number, got " + args[0]);
        }
        return Map.of("micronaut.server.port", Integer.parseInt(args[0]));
    }
}
