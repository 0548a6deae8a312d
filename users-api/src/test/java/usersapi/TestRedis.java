package usersapi;

import dbmigrations.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.ThreadLocalRandom;

/** The URI of an emptied Redis database (1-15) on the test server, so concurrent runs rarely share keys. */
public final class TestRedis {

    private TestRedis() {
    }

    public static String emptyDatabase() {
        String uri = TestServers.redis() + "/" + ThreadLocalRandom.current().nextInt(1, 16);
        try (RedisClient redis = RedisClient.create(uri); StatefulRedisConnection<String, String> c = redis.connect()) {
            c.sync().flushdb();
        }
        return uri;
    }
}
