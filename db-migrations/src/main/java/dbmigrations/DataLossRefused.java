package dbmigrations;

/** A rollback would drop a table that still holds rows, and the operator did not pass --allow-data-loss. */
final class DataLossRefused extends Exception {

    DataLossRefused(String message) {
        super(message);
    }
}
