package hellochain;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;

final class Negotiation {

    private Negotiation() {
    }

    /** True only when the client names JSON explicitly; curl's wildcard gets text. */
    static boolean wantsJson(HttpRequest<?> request) {
        return request.getHeaders().accept().stream()
                .anyMatch(type -> type.matches(MediaType.APPLICATION_JSON_TYPE) && !type.equals(MediaType.ALL_TYPE));
    }
}
