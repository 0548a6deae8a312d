package hellochain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One service on the way: who answered and, for a caller, whom it called and how long that took. */
@Serdeable
record Hop(String service, String host, int port, @Nullable String upstream, @Nullable Long latencyMs) {

    static Hop last(String service, String host, int port) {
        return new Hop(service, host, port, null, null);
    }

    String asText() {
        String self = service + " on " + host + ":" + port;
        return upstream == null
                ? self + ": hello world"
                : self + " -> " + upstream + " (" + latencyMs + " ms)";
    }
}
