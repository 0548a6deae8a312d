package dbmigrations;

/** The command line or the environment is wrong; nothing was attempted. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
