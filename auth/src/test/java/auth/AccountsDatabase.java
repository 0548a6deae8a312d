package auth;

import auth.system.DatabaseSettings;
import dbmigrations.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** A fresh auth database on a test server, built by db-migrations' real changelog, with the accounts a test adds. */
public final class AccountsDatabase implements AutoCloseable {

    private final TestDatabase database;

    private AccountsDatabase(TestDatabase database) {
        this.database = database;
        database.migrate("auth", "update");
    }

    public static AccountsDatabase postgres() {
        return new AccountsDatabase(TestDatabase.postgres("auth"));
    }

    public static AccountsDatabase of(String kind) {
        return new AccountsDatabase(TestDatabase.of(kind, "auth"));
    }

    /** Stores the account as the service expects it: a BCrypt hash of cost 10, roles comma-separated. */
    public AccountsDatabase add(String username, String password, String roles) {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO accounts (username, password_hash, roles) VALUES (?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, BCrypt.hashpw(password, BCrypt.gensalt(10)));
            insert.setString(3, roles);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add account " + username, e);
        }
        return this;
    }

    /** The properties main() would derive from this database's DATABASE_* variables. */
    public Map<String, String> properties() {
        return TestProperties.of(DatabaseSettings.fromEnv(database.env()));
    }

    @Override
    public void close() {
        database.close();
    }
}
