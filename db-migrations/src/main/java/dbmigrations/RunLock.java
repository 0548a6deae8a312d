package dbmigrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A session-level advisory lock that serialises db-migrations runs on one database, including the very first
 * one, where Liquibase's own lock table does not exist yet and two runs would race to create it. The server
 * drops it when the session ends, so a killed run never leaves it behind.
 */
final class RunLock {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    private RunLock() {
    }

    static void acquire(Connection connection, Kind kind, String database) throws SQLException, LockHeld {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!tryAcquire(connection, kind)) {
            if (System.nanoTime() > deadline) {
                throw new LockHeld("another db-migrations run has been working on " + database + " for over "
                        + WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockHeld("interrupted while waiting for another db-migrations run on " + database);
            }
        }
    }

    private static boolean tryAcquire(Connection connection, Kind kind) throws SQLException {
        // PostgreSQL's advisory locks are per database; MySQL's named locks are per server, so the name includes it.
        String sql = kind == Kind.POSTGRES
                ? "SELECT pg_try_advisory_lock(hashtext('db-migrations'))"
                : "SELECT GET_LOCK(CONCAT('db-migrations.', DATABASE()), 0) = 1";
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
