package dbmigrations;

import java.util.Date;

/** Another run holds Liquibase's lock, or a killed run left it behind. */
final class LockHeld extends Exception {

    LockHeld(String message) {
        super(message);
    }

    /** Found while this run holds the run lock, so no other db-migrations run can own it. */
    static LockHeld stale(String lockedBy, Date since) {
        return new LockHeld("changelog lock held by " + lockedBy + " since " + since.toInstant()
                + ", but no other db-migrations run is active: a killed run left it");
    }
}
