package auth.login;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** Checks a username and password against {@code accounts}; an unknown username costs one BCrypt check like a wrong password. */
@Singleton
class Accounts {

    // BCrypt of a password nobody has, at the accounts' cost of 10: an unknown username takes as long as a known one.
    private static final String DUMMY_HASH = "$2a$10$Dt79g3hQwruSjX3DaUp3subyD07/q6E84LrE/n6ptltAebqJvEbqq";

    private final AccountRepository repository;

    Accounts(AccountRepository repository) {
        this.repository = repository;
    }

    /** The account, when the password is its own; empty for an unknown username and a wrong password alike. */
    Optional<Account> verify(String username, String password) {
        Optional<Account> account = repository.findByUsername(username);
        boolean matches = matches(password, account.map(Account::passwordHash).orElse(DUMMY_HASH));
        return account.isPresent() && matches ? account : Optional.empty();
    }

    private static boolean matches(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) {
            // A stored value that is no BCrypt hash matches nothing; the message names the hash's format, never the password.
            return false;
        }
    }
}
