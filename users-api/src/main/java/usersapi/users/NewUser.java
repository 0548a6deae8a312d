package usersapi.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** The body of POST /users; the limits match the columns in db-migrations. */
@Serdeable
record NewUser(@Nullable @NotBlank @Size(max = 100) String name,
               @Nullable @NotBlank @Email @Size(max = 254) String email) {

    /** Emails compare case-insensitively on every engine, whatever its collation. */
    User toUser() {
        return new User(null, name.strip(), email.strip().toLowerCase(Locale.ROOT));
    }
}
