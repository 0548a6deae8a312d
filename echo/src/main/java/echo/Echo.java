package echo;

import io.micronaut.serde.annotation.Serdeable;

/** What one replica says about one request. */
@Serdeable
record Echo(String host, String method, String path) {

    String asText() {
        return "echo from " + host + ": " + method + " " + path + "\n";
    }
}
