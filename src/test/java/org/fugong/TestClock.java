package org.fugong;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: the real time, moved forward (or back) by a test and put
 * back after it. Shared by the one test context, so a test that moves it must {@link #reset()}.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant fixed;

    public void advance(Duration by) {
        offset = offset.plus(by);
        Instant stopped = fixed;
        if (stopped != null) {
            fixed = stopped.plus(by);
        }
    }

    /** Stops the clock at an instant; {@link #advance} then moves it, {@link #reset} lets it run again. */
    public void stopAt(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        offset = Duration.ZERO;
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant stopped = fixed;
        return stopped != null ? Clock.fixed(stopped, zone) : Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        Instant stopped = fixed;
        return stopped != null ? stopped : Instant.now().plus(offset);
    }
}
