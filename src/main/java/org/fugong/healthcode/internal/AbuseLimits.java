package org.fugong.healthcode.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counters per kind (a phone, an ID number, a client address…) and keyed hash, in windows of one
 * hour, kept in PostgreSQL: every session and every instance counts on the same row, and the
 * increment is one atomic upsert, so parallel requests cannot slip past a limit. A counter is
 * counted in its own transaction: a refused or failed request has still been counted. Counters
 * older than a day are deleted by {@link Retention}.
 */
@Component
class AbuseLimits {

    private final JdbcClient jdbc;
    private final Clock clock;

    AbuseLimits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts one more hit; true while the window's hits, this one included, are within the limit. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean hit(String kind, byte[] key, int limit) {
        Instant window = clock.instant().truncatedTo(ChronoUnit.HOURS);
        int hits = jdbc.sql("""
                        insert into health_abuse_counter (kind, key_hash, window_start, hits) values (?, ?, ?, 1)
                        on conflict (kind, key_hash, window_start)
                        do update set hits = health_abuse_counter.hits + 1
                        returning hits""")
                .params(kind, key, Timestamp.from(window))
                .query(Integer.class)
                .single();
        return hits <= limit;
    }
}
