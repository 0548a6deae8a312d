package usersapi.users;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A read-through cache for user reads; on a miss, or when the cache is unavailable, {@code load} answers. */
interface UserCache {

    List<User> page(int page, int size, Supplier<List<User>> load);

    Optional<User> user(long id, Supplier<Optional<User>> load);

    /** After a write: drop the user and every cached page. */
    void evict(long id);
}
