package hellochain.calls;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One call this service made to its upstream: where, the status it answered its own client with, and how long it took. */
@Serdeable
@MappedEntity("calls")
record Call(@Id @GeneratedValue @Nullable Long id, String upstream, int status, long latencyMs, Instant at) {
}
