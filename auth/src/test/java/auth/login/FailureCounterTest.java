package auth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window and the bound, on a clock the test moves. */
class FailureCounterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private FailureCounter counter(int capacity) {
        return new FailureCounter(3, Duration.ofMinutes(5), capacity, now::get);
    }

    @Test
    void blocksAtTheLimitUntilTheWindowThatTheFirstFailureOpenedCloses() {
        FailureCounter counter = counter(10);
        counter.failed("ada");
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        counter.failed("ada");
        assertEquals(Optional.empty(), counter.blockedFor("ada"));
        counter.failed("ada");

        assertEquals(Optional.of(Duration.ofMinutes(4)), counter.blockedFor("ada"));
        now.addAndGet(Duration.ofMinutes(4).toNanos());
        assertEquals(Optional.empty(), counter.blockedFor("ada"));
    }

    @Test
    void startsANewWindowForAFailureAfterTheOldOneClosed() {
        FailureCounter counter = counter(10);
        counter.failed("ada");
        counter.failed("ada");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        counter.failed("ada");
        counter.failed("ada");

        assertEquals(Optional.empty(), counter.blockedFor("ada"));
    }

    @Test
    void forgetsAKeyOnReset() {
        FailureCounter counter = counter(10);
        for (int i = 0; i < 3; i++) {
            counter.failed("ada");
        }
        counter.reset("ada");

        assertEquals(Optional.empty(), counter.blockedFor("ada"));
    }

    @Test
    void holdsAtMostItsCapacityEvictingTheOldestWindow() {
        FailureCounter counter = counter(2);
        for (int i = 0; i < 3; i++) {
            counter.failed("ada");
        }
        counter.failed("grace");
        counter.failed("alan");

        assertEquals(2, counter.size());
        assertEquals(Optional.empty(), counter.blockedFor("ada"), "ada's window was the oldest, so it went first");
    }
}
