package auth.login;

/** The username is unknown or the password wrong; which one, the answer never says. */
final class WrongCredentials extends RuntimeException {

    WrongCredentials() {
        // No stack trace: this is an answer, not a fault.
        super("wrong username or password", null, false, false);
    }
}
