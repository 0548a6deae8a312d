package usersapi.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A row of {@code users} and the JSON the API answers with: the keys of the original app. */
@Serdeable
@MappedEntity("users")
record User(@Id @GeneratedValue @Nullable Long id, String name, String email) {
}
