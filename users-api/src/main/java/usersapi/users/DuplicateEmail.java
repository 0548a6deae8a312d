package usersapi.users;

/** The email is already taken: the unique constraint said so, so two racing requests cannot both win. */
final class DuplicateEmail extends RuntimeException {

    DuplicateEmail(String email, Throwable cause) {
        super("a user with email " + email + " already exists", cause);
    }
}
