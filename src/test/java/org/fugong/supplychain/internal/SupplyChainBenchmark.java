package org.fugong.supplychain.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The city at scale: 8,000 leads and about 2,000,000 supplier links over three tiers (shared
 * suppliers, alternatives, some mutual supply), three suppliers in a hundred not running. Measures building
 * and evaluating the graph, recomputing after one status change, one lead's analysis (why, single
 * points of failure, unblocking set) and the city-wide ranking. A program, not a test: run it with
 * {@code bench/supplychain.sh}.
 */
@Tag("benchmark")
class SupplyChainBenchmark {

    /** The share of the city to build (1 = the whole city); smaller for a quick look. */
    static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));

    static final int LEADS = (int) (8_000 * SCALE);
    static final int TIER1 = (int) (40_000 * SCALE);
    static final int TIER2 = (int) (60_000 * SCALE);
    static final int TIER3 = (int) (50_000 * SCALE);

    @Test
    void measure() {
        Random random = new Random(2020_02_20L);
        int nodes = LEADS + TIER1 + TIER2 + TIER3;
        List<ChainGraph.Link> links = new ArrayList<>(2_100_000);
        addTier(links, random, 0, LEADS, LEADS, TIER1, 30, 2);
        addTier(links, random, LEADS, TIER1, LEADS + TIER1, TIER2, 8, 2);
        addTier(links, random, LEADS + TIER1, TIER2, LEADS + TIER1 + TIER2, TIER3, 6, 2);
        // Mutual supply: some third-tier suppliers buy from first-tier ones.
        for (int i = 0; i < (int) (5_000 * SCALE); i++) {
            int buyer = LEADS + TIER1 + TIER2 + random.nextInt(TIER3);
            links.add(new ChainGraph.Link(buyer, "m", LEADS + random.nextInt(TIER1)));
            links.add(new ChainGraph.Link(buyer, "m", LEADS + random.nextInt(TIER1)));
        }
        boolean[] base = new boolean[nodes];
        for (int i = 0; i < nodes; i++) {
            base[i] = i < LEADS || random.nextInt(100) >= 3;
        }
        System.out.printf("BENCH graph: %,d leads, %,d enterprises, %,d links%n", LEADS, nodes, links.size());
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            ChainGraph graph = new ChainGraph(nodes, links, base);
            double build = ms(start);
            System.out.printf("BENCH phase: built in %,.0f ms%n", build);
            int running = 0;
            for (int l = 0; l < LEADS; l++) {
                running += graph.canRun(l) ? 1 : 0;
            }
            // One status change: a supplier stops, then resumes; only its dependents are recomputed.
            long[] change = new long[200];
            long touched = 0;
            for (int i = 0; i < change.length; i++) {
                int supplier = LEADS + random.nextInt(nodes - LEADS);
                start = System.nanoTime();
                List<Integer> changed = graph.setMayRun(supplier, !graph.mayRunByItself(supplier));
                change[i] = System.nanoTime() - start;
                touched += changed.size();
                graph.setMayRun(supplier, !graph.mayRunByItself(supplier));
            }
            System.out.printf("BENCH phase: status changes done%n");
            // One lead's analysis, as its page asks for it.
            long[] lead = new long[50];
            for (int i = 0; i < lead.length; i++) {
                int l = random.nextInt(LEADS);
                start = System.nanoTime();
                long t0 = System.nanoTime();
                graph.why(l);
                long t1 = System.nanoTime();
                graph.singlePointsOfFailure(l);
                long t2 = System.nanoTime();
                graph.unblockingSet(l);
                lead[i] = System.nanoTime() - start;
                if (i < 3) {
                    System.out.printf(
                            "BENCH phase: lead %d why %.1f ms, single points %.1f ms, unblocking %.1f ms%n",
                            l, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (System.nanoTime() - t2) / 1e6);
                }
            }
            // The city-wide ranking: every supplier's stop, simulated.
            start = System.nanoTime();
            int critical = 0;
            BitSet leads = new BitSet();
            leads.set(0, LEADS);
            for (int s = LEADS; s < nodes; s++) {
                for (int stopped : graph.stopsWith(s)) {
                    if (stopped < LEADS) {
                        critical++;
                        break;
                    }
                }
            }
            double ranking = ms(start);
            System.out.printf(
                    "BENCH run %d: build and evaluate %,.0f ms; %,d of %,d leads running; one status change median %.3f ms"
                            + " (p95 %.3f ms, %.1f nodes changed on average); one lead's analysis median %.1f ms (p95 %.1f ms);"
                            + " city-wide ranking %,.0f ms (%,d suppliers whose stop alone blocks a lead)%n",
                    run,
                    build,
                    running,
                    LEADS,
                    percentile(change, 50),
                    percentile(change, 95),
                    touched / (double) change.length,
                    percentile(lead, 50),
                    percentile(lead, 95),
                    ranking,
                    critical);
        }
    }

    /** Each buyer in [from, from + count) buys {@code parts} parts, each from 1..2×{@code alternatives} suppliers of the next tier. */
    private static void addTier(
            List<ChainGraph.Link> links,
            Random random,
            int from,
            int count,
            int next,
            int nextCount,
            int parts,
            int alternatives) {
        for (int buyer = from; buyer < from + count; buyer++) {
            for (int p = 0; p < parts; p++) {
                // Most parts have alternatives; one in five has a single supplier.
                int suppliers = random.nextInt(5) == 0 ? 1 : 2 + random.nextInt(2 * alternatives - 2);
                for (int s = 0; s < suppliers; s++) {
                    links.add(new ChainGraph.Link(buyer, "p" + p, next + random.nextInt(nextCount)));
                }
            }
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }
}
