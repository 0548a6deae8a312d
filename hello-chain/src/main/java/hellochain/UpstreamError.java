package hellochain;

import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of a 502 or 504. */
@Serdeable
record UpstreamError(String error, String upstream, int status) {
}
