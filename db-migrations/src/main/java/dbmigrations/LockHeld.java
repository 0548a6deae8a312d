package dbmigrations;

/** Another db-migrations run kept the run lock for too long, or waiting for it was interrupted. */
final class LockHeld extends Exception {

    LockHeld(String message) {
        super(message);
    }
}
