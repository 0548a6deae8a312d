package hellochain.calls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Best effort: a call that cannot be recorded is logged and the chain answers anyway. */
@Singleton
@Requires(property = "datasources.default.url")
class DatabaseCallLog implements CallLog {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCallLog.class);

    private final CallRepository calls;

    DatabaseCallLog(CallRepository calls) {
        this.calls = calls;
    }

    @Override
    public void record(String upstream, int status, long latencyMs) {
        try {
            calls.save(new Call(null, upstream, status, latencyMs, Instant.now()));
        } catch (DataAccessException e) {
            LOG.warn("could not record the call to {}: {}", upstream, e.getMessage());
        }
    }
}
