package auth.login;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a username or a client address) in a fixed window that opens at the first failure. At
 * {@code limit} failures the key is blocked until its window closes. At most {@code capacity} keys are held, the oldest
 * window evicted first, so a flood of new keys costs bounded memory.
 */
final class FailureCounter {

    private record Window(long openedNanos, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows;

    FailureCounter(int limit, Duration window, int capacity, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.windows = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How long the key stays blocked, or empty when it may try now. */
    synchronized Optional<Duration> blockedFor(String key) {
        long now = nanoClock.getAsLong();
        Window window = windows.get(key);
        if (window == null || window.failures() < limit || closed(window, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.openedNanos() + windowNanos - now));
    }

    synchronized void failed(String key) {
        long now = nanoClock.getAsLong();
        Window window = windows.get(key);
        if (window == null || closed(window, now)) {
            // Removed first, so a new window counts as the newest entry for eviction.
            windows.remove(key);
            windows.put(key, new Window(now, 1));
        } else {
            windows.put(key, new Window(window.openedNanos(), window.failures() + 1));
        }
    }

    synchronized void reset(String key) {
        windows.remove(key);
    }

    synchronized int size() {
        return windows.size();
    }

    private boolean closed(Window window, long now) {
        return now - window.openedNanos() >= windowNanos;
    }
}
