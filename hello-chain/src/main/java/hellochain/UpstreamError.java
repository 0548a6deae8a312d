package hellochain;

import io.micronaut.serde.annotation.Serdeable;

/** The problem+json body of a 502 or 504; error and upstream come first, as before title and detail existed. */
@Serdeable
record UpstreamError(String error, String upstream, int status, String title, String detail) {

    static UpstreamError of(UpstreamFailure failure) {
        return new UpstreamError(failure.getMessage(), failure.upstream(), failure.status().getCode(),
                failure.status().getReason(), failure.getMessage() + " (" + failure.upstream() + ")");
    }
}
