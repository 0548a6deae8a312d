package dbmigrations;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import liquibase.exception.LockException;

/** Turns whatever went wrong into the one line an operator needs. */
final class Failure {

    private Failure() {
    }

    static String describe(Throwable failure, Command command, DatabaseTarget target) {
        // Liquibase could not take its lock even after a stale one was released: a tool without the run lock holds it.
        String releaseHint = "; if no migration is running, clear it with: java -jar db-migrations.jar "
                + command.service().id() + " release-locks";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LockException) {
                return firstLine(t) + releaseHint;
            }
            if (t instanceof LockHeld) {
                return firstLine(t);
            }
            if (t instanceof UnknownHostException) {
                return "unknown host '" + target.host() + "' (" + target + ")";
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return "cannot reach " + target + ": " + firstLine(t);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28") || sql.getErrorCode() == 1045) {
                    return "bad credentials for " + target + " (check DATABASE_USER and DATABASE_PASSWORD)";
                }
                if ("3D000".equals(state) || sql.getErrorCode() == 1049) {
                    return "database '" + target.database() + "' does not exist (" + target + "; check DATABASE_NAME)";
                }
                if (state.startsWith("08") && sql.getCause() == null) {
                    return "cannot reach " + target + ": " + firstLine(t);
                }
            }
        }
        return firstLine(deepest(failure)) + " (" + target + ")";
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Drivers and Liquibase write paragraphs; an operator's log wants one bounded line. */
    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
