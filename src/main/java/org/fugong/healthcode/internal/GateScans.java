package org.fugong.healthcode.internal;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The log of gate scans (gate, time, result, colour, pseudonymous id), and counts per gate and
 * colour. A scan is queued in memory and written with the others every second, so that a gate's
 * verification never waits for the database; at most a second of scans is lost if the instance
 * dies.
 */
@Service
public class GateScans {

    private record Pending(
            String gate,
            Instant at,
            @Nullable UUID person,
            String result,
            @Nullable String colour) {}

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    public record Count(
            String gate, String result, @Nullable String colour, long scans) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;

    GateScans(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    public void record(String gate, HealthCodes.Verification verification) {
        pending.add(new Pending(
                gate.length() > 60 ? gate.substring(0, 60) : gate,
                clock.instant(),
                verification.personId(),
                verification.valid() ? "VALID" : String.valueOf(verification.problem()),
                verification.colour() == null ? null : verification.colour().name()));
    }

    /** Writes the queued scans in one batch; returns how many. */
    @Scheduled(fixedDelay = 1000)
    @PreDestroy
    public int flush() {
        List<Object[]> batch = new ArrayList<>();
        Pending scan;
        while ((scan = pending.poll()) != null) {
            batch.add(
                    new Object[] {scan.gate(), Timestamp.from(scan.at()), scan.person(), scan.result(), scan.colour()});
        }
        if (!batch.isEmpty()) {
            jdbcTemplate.batchUpdate(
                    "insert into health_gate_scan (gate, scanned_at, person_id, result, colour) values (?, ?, ?, ?, ?)",
                    batch);
        }
        return batch.size();
    }

    /** Counts, after writing what is queued (so that the counts include the latest scans). */
    public List<Count> counts() {
        flush();
        return jdbc.sql("""
                        select gate, result, colour, count(*) from health_gate_scan
                        group by gate, result, colour order by gate, result, colour""")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }
}
