package auth.login;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /auth/login; BCrypt reads at most 72 bytes of a password, the size bound only caps the body. */
@Serdeable
record Credentials(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 1024) String password) {

    // A record prints every field; this one must never print the password, wherever it ends up.
    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
