package auth.login;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Guessing passwords costs time: 5 failures for one username, or 20 from one client address, within 5 minutes block
 * further logins for it until those 5 minutes are over. The address is the TCP peer, or what a trusted proxy says it
 * is (ClientAddress).
 */
@Singleton
class LoginThrottle {

    static final int PER_USERNAME = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(5);
    // About a megabyte per counter at most, even under a flood of new usernames.
    private static final int TRACKED = 10_000;

    private final FailureCounter byUsername = new FailureCounter(PER_USERNAME, WINDOW, TRACKED, System::nanoTime);
    private final FailureCounter byAddress = new FailureCounter(PER_ADDRESS, WINDOW, TRACKED, System::nanoTime);

    /** Throws {@link LoginsThrottled} while the username or the address is blocked. */
    void check(String username, InetAddress address) {
        Optional<Duration> wait = longest(byUsername.blockedFor(username), byAddress.blockedFor(address.getHostAddress()));
        if (wait.isPresent()) {
            throw new LoginsThrottled(wait.get());
        }
    }

    void failed(String username, InetAddress address) {
        byUsername.failed(username);
        byAddress.failed(address.getHostAddress());
    }

    /** A successful login clears its username's failures; the address keeps its count, as it may be guessing others. */
    void succeeded(String username) {
        byUsername.reset(username);
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
