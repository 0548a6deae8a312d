package auth.login;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

@JdbcRepository(dialect = Dialect.MYSQL)
@Requires(property = "datasources.default.dialect", value = "MYSQL")
interface MysqlAccountRepository extends AccountRepository {
}
