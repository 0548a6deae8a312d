package usersapi;

import dbmigrations.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A fresh, migrated PostgreSQL database that the service reaches only through a proxy the test can cut. */
public final class ProxiedDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final TcpProxy proxy;

    private ProxiedDatabase(TestDatabase database, TcpProxy proxy) {
        this.database = database;
        this.proxy = proxy;
    }

    public static ProxiedDatabase postgres(String prefix) {
        TestDatabase database = TestDatabase.postgres(prefix);
        database.migrate("users-api", "update");
        try {
            return new ProxiedDatabase(database, new TcpProxy(database.host(), database.port()));
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        }
    }

    /** DATABASE_* pointing at the proxy rather than the server. */
    public Map<String, String> env() {
        Map<String, String> env = database.env();
        env.put("DATABASE_HOST", "127.0.0.1");
        env.put("DATABASE_PORT", String.valueOf(proxy.port()));
        return env;
    }

    public void cut() {
        proxy.cut();
    }

    public void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.close();
        database.close();
    }
}
