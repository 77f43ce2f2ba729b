package org.fugong.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The escalation sweep with 100,000 open tickets received over the last 24 hours (warnings due
 * over the next 12): one sweep a minute, as the scheduler runs it, and a sweep that has fallen ten
 * minutes behind. Prints medians. A program, not a test: run it with {@code bench/tickets.sh}.
 */
@Tag("benchmark")
class TicketSweepBenchmark extends IntegrationTest {

    @Autowired
    TicketGenerator generator;

    @Autowired
    TicketSweep sweep;

    @Test
    void measure() {
        int count = Integer.getInteger("fugong.bench.tickets", 100_000);
        long start = System.nanoTime();
        int made = generator.generate(count, 24);
        jdbc.sql("analyze ticket").update();
        System.out.printf(
                "BENCH generated %,d open tickets in %.1f s; open tickets now %,d%n",
                made,
                (System.nanoTime() - start) / 1e9,
                jdbc.sql("select count(*) from ticket where status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')")
                        .query(Long.class)
                        .single());
        System.out.printf(
                "BENCH due now: %,d; next escalations from %s to %s%n",
                jdbc.sql("select count(*) from ticket where next_escalation_at <= now()")
                        .query(Long.class)
                        .single(),
                jdbc.sql("select min(next_escalation_at)::text from ticket")
                        .query(String.class)
                        .single(),
                jdbc.sql("select max(next_escalation_at)::text from ticket")
                        .query(String.class)
                        .single());
        // Catch up once with what is already due (the first-response steps of the older tickets).
        Instant now = Instant.now();
        long catchUp = System.nanoTime();
        int steps = sweep.sweep(now);
        System.out.printf(
                "BENCH first sweep catching up: %,d steps in %.0f ms%n", steps, (System.nanoTime() - catchUp) / 1e6);

        measure("one minute of due steps", now, Duration.ofMinutes(1), 15);
        measure("ten minutes of due steps", now.plus(Duration.ofMinutes(15)), Duration.ofMinutes(10), 7);
        measure("nothing due (index only)", null, Duration.ZERO, 15);
    }

    private void measure(String label, Instant from, Duration step, int runs) {
        double[] times = new double[runs];
        int[] steps = new int[runs];
        Instant at = from;
        for (int i = 0; i < runs; i++) {
            Instant when = from == null ? Instant.now().minus(Duration.ofDays(30)) : (at = at.plus(step));
            long start = System.nanoTime();
            steps[i] = sweep.sweep(when);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int[] sortedSteps = steps.clone();
        Arrays.sort(sortedSteps);
        System.out.printf(
                "BENCH sweep, %-28s median %7.1f ms  max %7.1f ms  (median %,d steps per sweep)%n",
                label, sorted[runs / 2], sorted[runs - 1], sortedSteps[runs / 2]);
    }
}
