package auth.system;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem document; {@code field} names the request field at fault, when there is one. */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable String field) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");
}
