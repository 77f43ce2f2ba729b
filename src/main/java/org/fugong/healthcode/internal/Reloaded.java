package org.fugong.healthcode.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * What a gate's path reads from the database and holds in memory (the signing keys, the active
 * devices): read again every so often, at once after {@link #forget()}, and — when a read fails
 * because the database is away — kept as last read and tried again {@link #RETRY} later, so that
 * gates keep verifying through an outage. Only the first read has nothing to fall back on.
 */
final class Reloaded<T> {

    /** What was read, and when (a new object at every read: its identity tells a reader it changed). */
    record Read<T>(T value, Instant at) {}

    /** A failed read is tried again at most this long after. */
    static final Duration RETRY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Reloaded.class);

    private final String what;
    private final Duration every;
    private final Clock clock;
    private final Function<Instant, T> load;
    private volatile @Nullable Read<T> read;

    Reloaded(String what, Duration every, Clock clock, Function<Instant, T> load) {
        this.what = what;
        this.every = every;
        this.clock = clock;
        this.load = load;
    }

    Read<T> get() {
        Read<T> current = read;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.at().plus(every)) || now.isBefore(current.at())) {
            try {
                current = new Read<>(load.apply(now), now);
            } catch (DataAccessException unreachable) {
                if (current == null) {
                    throw unreachable;
                }
                log.warn(
                        "Could not read {} again, using what was read at {}: {}",
                        what,
                        current.at(),
                        unreachable.getMessage());
                current = new Read<>(current.value(), now.minus(every).plus(RETRY));
            }
            read = current;
        }
        return current;
    }

    /** Read again at the next use (after a change made here, or one another instance announced). */
    void forget() {
        read = null;
    }
}
