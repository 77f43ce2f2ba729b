package org.fugong.healthcode.internal;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The log of gate scans (gate, time, result, colour, pseudonymous id), and counts per gate and
 * colour. A scan is queued in memory and written with the others every second, so that a gate's
 * verification never waits for the database. What is queued is written when the application stops;
 * a process killed outright ({@code kill -9}) loses at most the last second of scans. A row the
 * database refuses is dropped alone, never with its batch.
 */
@Service
public class GateScans {

    private record Pending(
            String gate,
            Instant at,
            HealthCodes.Verification verification,
            String result,
            @Nullable String colour) {}

    private static final Logger log = LoggerFactory.getLogger(GateScans.class);
    private static final String INSERT =
            "insert into health_gate_scan (gate, scanned_at, person_id, result, colour) values (?, ?, ?, ?, ?)";

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    public record Count(
            String gate, String result, @Nullable String colour, long scans) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;

    private final HealthCodes codes;

    GateScans(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, HealthCodes codes) {
        this.codes = codes;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    /**
     * A gate's name as scans keep it, or null when it cannot be one: 1 to 60 characters, no control
     * characters (a NUL byte would fail the whole batch in PostgreSQL).
     */
    public static @Nullable String gateName(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String name = text.strip();
        boolean printable = name.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0xFFFD);
        return printable && !name.isEmpty() && name.codePointCount(0, name.length()) <= 60 ? name : null;
    }

    public void record(String gate, HealthCodes.Verification verification) {
        String name = gateName(gate);
        pending.add(new Pending(
                name == null ? "unnamed" : name,
                clock.instant(),
                verification,
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
            batch.add(new Object[] {
                scan.gate(),
                Timestamp.from(scan.at()),
                codes.personOf(scan.verification()),
                scan.result(),
                scan.colour()
            });
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            jdbcTemplate.batchUpdate(INSERT, batch);
            return batch.size();
        } catch (DataAccessException batchFailed) {
            // One bad row must not lose the others: write them one by one, and drop only what fails.
            int written = 0;
            for (Object[] row : batch) {
                try {
                    jdbcTemplate.update(INSERT, row);
                    written++;
                } catch (DataAccessException rowFailed) {
                    log.error("A gate scan could not be written and is dropped: {}", rowFailed.getMessage());
                }
            }
            return written;
        }
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
