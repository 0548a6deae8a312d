package auth.login;

import java.time.Duration;

/** Too many failed logins for this username or from this address: 429 with Retry-After. */
final class LoginsThrottled extends RuntimeException {

    private final Duration retryAfter;

    LoginsThrottled(Duration retryAfter) {
        // No stack trace: this is an answer, not a fault.
        super("too many failed logins, try again later", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: what the Retry-After header carries. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
