package org.fugong.healthcode.internal;

import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The log of gate scans (gate, time, result, colour, pseudonymous id), and counts per gate and
 * colour. Scans are written by group commit: one writer takes every scan queued meanwhile and writes
 * them in one batch, and a gate's answer waits for the batch that holds its scan (a few milliseconds)
 * and says whether it was recorded — so that a scan acknowledged as recorded survives even a
 * {@code kill -9} of the instance. When the database cannot be reached the answer does not wait
 * longer than {@link #ACKNOWLEDGE_WITHIN}: the gate gets its verification, marked not recorded, and the
 * scan stays queued until the database is back (lost only if the instance dies meanwhile). A row
 * the database refuses is dropped alone, never with its batch.
 */
@Service
public class GateScans {

    private record Pending(
            String gate,
            Instant at,
            HealthCodes.Verification verification,
            String result,
            @Nullable String colour,
            CompletableFuture<Boolean> written) {}

    /** How long a gate's answer waits for its scan to be written. */
    public static final Duration ACKNOWLEDGE_WITHIN = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(GateScans.class);
    private static final String INSERT =
            "insert into health_gate_scan (gate, scanned_at, person_id, result, colour) values (?, ?, ?, ?, ?)";

    private final LinkedBlockingDeque<Pending> pending = new LinkedBlockingDeque<>();
    /** Held while a batch is taken and written, so that a flush sees every scan recorded before it. */
    private final ReentrantLock writing = new ReentrantLock();

    private volatile boolean stopped;

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
        Thread writer = new Thread(this::writeContinuously, "gate-scan-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The writer: waits for a scan, then writes it with every other one queued meanwhile. */
    private void writeContinuously() {
        while (!stopped) {
            try {
                Pending first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                pending.putFirst(first);
                if (flush() == 0 && !pending.isEmpty()) {
                    // The database is unreachable: the scans stay queued; try again in a moment.
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // The writer must outlive any failure, or every gate would be told its scans are not recorded.
                log.error("The gate-scan writer failed, going on: {}", e.toString());
                LockSupport.parkNanos(500_000_000L);
            }
        }
    }

    /** Whether the database refused a row for what it holds (SQLSTATE class 22 or 23), not for being away. */
    static boolean refusedAsData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23");
            }
        }
        return false;
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

    /**
     * Queues a scan for the writer and waits, at most {@link #ACKNOWLEDGE_WITHIN}, until it is written;
     * whether it was (a scan the database refused, or not written in time, is not).
     */
    public boolean record(String gate, HealthCodes.Verification verification) {
        String name = gateName(gate);
        CompletableFuture<Boolean> written = new CompletableFuture<>();
        pending.add(new Pending(
                name == null ? "unnamed" : name,
                clock.instant(),
                verification,
                verification.valid() ? "VALID" : String.valueOf(verification.problem()),
                verification.colour() == null ? null : verification.colour().name(),
                written));
        try {
            return written.get(ACKNOWLEDGE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes the queued scans in one batch; returns how many. Scans that cannot be written because the
     * database cannot be reached stay queued, first in line.
     */
    public int flush() {
        writing.lock();
        try {
            List<Pending> batch = new ArrayList<>();
            pending.drainTo(batch, 5000);
            if (batch.isEmpty()) {
                return 0;
            }
            List<Object[]> rows = batch.stream()
                    .map(scan -> new Object[] {
                        scan.gate(),
                        Timestamp.from(scan.at()),
                        codes.personOf(scan.verification()),
                        scan.result(),
                        scan.colour()
                    })
                    .toList();
            try {
                jdbcTemplate.batchUpdate(INSERT, rows);
                batch.forEach(scan -> scan.written().complete(true));
                return batch.size();
            } catch (RuntimeException | AssertionError batchFailed) {
                // (The driver asserts when a connection dies under a batch, an Error where assertions are on.)
                // One refused row must not lose the others: they are written one by one; only what the
                // database refuses as data is dropped, and the rest stays queued while it cannot be reached.
                int written = 0;
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        jdbcTemplate.update(INSERT, rows.get(i));
                        batch.get(i).written().complete(true);
                        written++;
                    } catch (RuntimeException | AssertionError rowFailed) {
                        if (!refusedAsData(rowFailed)) {
                            List<Pending> rest = batch.subList(i, batch.size());
                            for (int j = rest.size() - 1; j >= 0; j--) {
                                pending.addFirst(rest.get(j));
                            }
                            return written;
                        }
                        log.error("A gate scan could not be written and is dropped: {}", rowFailed.getMessage());
                        batch.get(i).written().complete(false);
                    }
                }
                return written;
            }
        } finally {
            writing.unlock();
        }
    }

    /** What is queued is written when the application stops. */
    @PreDestroy
    void stop() {
        stopped = true;
        flush();
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
