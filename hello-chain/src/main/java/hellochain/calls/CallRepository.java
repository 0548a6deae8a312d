package hellochain.calls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "datasources.default.url")
interface CallRepository extends CrudRepository<Call, Long> {

    List<Call> list(Pageable pageable);
}
