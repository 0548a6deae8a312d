package usersapi.users;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads go through the cache, writes go to the database and then evict what they changed. */
@Singleton
class Users {

    private final UserRepository repository;
    private final UserCache cache;

    Users(UserRepository repository, UserCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    List<User> page(int page, int size) {
        return cache.page(page, size,
                () -> repository.list(Pageable.from(page, size, Sort.of(Sort.Order.asc("id")))));
    }

    Optional<User> find(long id) {
        return cache.user(id, () -> repository.findById(id));
    }

    User create(NewUser newUser) {
        User user = newUser.toUser();
        User saved;
        try {
            saved = repository.save(user);
        } catch (DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateEmail(user.email(), e);
            }
            throw e;
        }
        cache.evict(saved.id());
        return saved;
    }

    boolean delete(long id) {
        boolean deleted = repository.removeById(id) > 0;
        cache.evict(id);
        return deleted;
    }

    /** SQLState class 23 is an integrity violation on every engine; email is the only unique column. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
