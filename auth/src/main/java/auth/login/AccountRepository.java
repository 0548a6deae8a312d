package auth.login;

import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Read-only: accounts are created by the migrations (the demo one) or by hand; each dialect below compiles its SQL. */
interface AccountRepository extends GenericRepository<Account, Long> {

    Optional<Account> findByUsername(String username);
}
