package usersapi.users;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Without REDIS_URI every read goes to the database. */
@Singleton
@Requires(missingProperty = "redis.uri")
class NoUserCache implements UserCache {

    @Override
    public List<User> page(int page, int size, Supplier<List<User>> load) {
        return load.get();
    }

    @Override
    public Optional<User> user(long id, Supplier<Optional<User>> load) {
        return load.get();
    }

    @Override
    public void evict(long id) {
        // nothing cached
    }
}
