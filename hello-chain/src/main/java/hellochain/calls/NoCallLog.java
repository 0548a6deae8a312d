package hellochain.calls;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Singleton
@Requires(missingProperty = "datasources.default.url")
class NoCallLog implements CallLog {

    @Override
    public void record(String upstream, int status, long latencyMs) {
        // no database configured: the chain works exactly as without this feature
    }
}
