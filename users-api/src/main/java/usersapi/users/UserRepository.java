package usersapi.users;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The queries; each dialect below compiles its own SQL from them. */
interface UserRepository extends CrudRepository<User, Long> {

    List<User> list(Pageable pageable);

    int removeById(Long id);
}
