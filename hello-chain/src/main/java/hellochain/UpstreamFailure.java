package hellochain;

import io.micronaut.http.HttpStatus;

/** The upstream could not give an answer: unreachable or failing (502), or too slow (504). */
final class UpstreamFailure extends RuntimeException {

    private final HttpStatus status;
    private final String upstream;

    UpstreamFailure(HttpStatus status, String upstream, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.upstream = upstream;
    }

    HttpStatus status() {
        return status;
    }

    String upstream() {
        return upstream;
    }
}
