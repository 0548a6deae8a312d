package dbmigrations;

import java.io.PrintStream;
import java.util.Date;
import liquibase.database.Database;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;

/**
 * Liquibase's lock row, found set while this run holds {@link RunLock}: no other db-migrations run can own it, so
 * a killed run left it. Released with one warning, so the next Kubernetes init container or Job does not wait for
 * someone to run {@code release-locks}.
 */
final class StaleChangelogLock {

    private StaleChangelogLock() {
    }

    /** Call only while holding the run lock. */
    static void release(Database database, PrintStream err) throws Exception {
        LockService locks = LockServiceFactory.getInstance().getLockService(database);
        DatabaseChangeLogLock[] held = locks.listLocks();
        if (held.length == 0) {
            return;
        }
        locks.forceReleaseLock();
        err.println("db-migrations: WARN released a stale changelog lock held by " + lockedBy(held[0]) + " since "
                + since(held[0].getLockGranted()) + ": no other db-migrations run is active, so a killed run left it");
    }

    private static String lockedBy(DatabaseChangeLogLock lock) {
        return lock.getLockedBy() == null || lock.getLockedBy().isBlank() ? "an unnamed client" : lock.getLockedBy();
    }

    private static String since(Date granted) {
        return granted == null ? "an unknown time" : granted.toInstant().toString();
    }
}
