package usersapi.users;

import io.lettuce.core.ExpireArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Users and pages as JSON in two Redis hashes, so one write can evict every page at once. Entries also expire,
 * which bounds how long a read racing a write can leave a stale entry behind.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisUserCache implements UserCache {

    static final String USERS = "users-api:users";
    static final String PAGES = "users-api:pages";
    private static final long TTL_SECONDS = 60;
    private static final Argument<List<User>> USER_LIST = Argument.listOf(User.class);

    private final RedisLink redis;
    private final JsonMapper json;
    private final Counter hits;
    private final Counter misses;

    RedisUserCache(RedisLink redis, JsonMapper json, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.hits = lookups(meters, "hit");
        this.misses = lookups(meters, "miss");
        redis.onReconnect(commands -> commands.del(USERS, PAGES));
    }

    /** Micrometer's cache naming: cache_gets_total{cache="users",result="hit|miss"}; a miss includes Redis being down. */
    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder("cache.gets")
                .description("Reads of users and pages through the Redis cache")
                .tag("cache", "users")
                .tag("result", result)
                .register(meters);
    }

    @Override
    public List<User> page(int page, int size, Supplier<List<User>> load) {
        String field = page + ":" + size;
        Optional<String> cached = redis.call(commands -> commands.hget(PAGES, field));
        if (cached.isPresent()) {
            hits.increment();
            return read(cached.get(), USER_LIST);
        }
        misses.increment();
        List<User> users = load.get();
        put(PAGES, field, write(users));
        return users;
    }

    @Override
    public Optional<User> user(long id, Supplier<Optional<User>> load) {
        String field = String.valueOf(id);
        Optional<String> cached = redis.call(commands -> commands.hget(USERS, field));
        if (cached.isPresent()) {
            hits.increment();
            return Optional.of(read(cached.get(), Argument.of(User.class)));
        }
        misses.increment();
        Optional<User> user = load.get();
        user.ifPresent(found -> put(USERS, field, write(found)));
        return user;
    }

    @Override
    public void evict(long id) {
        redis.call(commands -> commands.hdel(USERS, String.valueOf(id)) + commands.del(PAGES));
    }

    private void put(String key, String field, String value) {
        // NX: a busy hash still expires TTL_SECONDS after its first entry.
        redis.call(commands -> commands.hset(key, field, value) && commands.expire(key, TTL_SECONDS, ExpireArgs.Builder.nx()));
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
