package auth.login;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.Arrays;
import java.util.List;

/** A row of {@code accounts}: the BCrypt hash of the password, and the roles as one comma-separated column. */
@MappedEntity("accounts")
record Account(@Id @GeneratedValue @Nullable Long id, String username, String passwordHash, String roles) {

    List<String> roleList() {
        return Arrays.stream(roles.split(",")).map(String::strip).filter(role -> !role.isEmpty()).toList();
    }

    // Not even the hash belongs in a log line.
    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", roles=" + roles + "]";
    }
}
