package usersapi.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * The body of POST /users (read by NewUserReader); the limits match the columns in db-migrations. Both fields are
 * JSON strings without control characters or unpaired surrogates, which no name or address has and which
 * PostgreSQL (NUL) or MySQL's utf8mb4 (a lone surrogate) would refuse with an error.
 */
@Serdeable
record NewUser(@Nullable @NotBlank @Size(max = 100) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
               @Serdeable.Deserializable(using = JsonStringOnly.class) String name,
               @Nullable @NotBlank @Email @Size(max = 254) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
               @Serdeable.Deserializable(using = JsonStringOnly.class) String email) {

    static final String TEXT = "[^\\p{Cc}\\p{Cs}]*";
    static final String TEXT_MESSAGE = "must not contain control characters or unpaired surrogates";

    /** Emails compare case-insensitively on every engine, whatever its collation. */
    User toUser() {
        return new User(null, name.strip(), email.strip().toLowerCase(Locale.ROOT));
    }
}
