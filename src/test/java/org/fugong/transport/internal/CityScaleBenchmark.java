package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.buildin.bendablelong.BendableLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The planner at Ningbo's scale: 100,000 workers from 300 counties, two weeks of windows, 3,200 buses.
 * Prints the time to build and solve, the trips against the lower bound, the workers left unplanned and
 * the buses used. A program, not a test: {@code bench/transport-city.sh [SECONDS] [SEED]}.
 */
@Tag("benchmark")
class CityScaleBenchmark {

    static TransportRules.Rules defaults() {
        return new TransportRules.Rules(
                1,
                LocalDate.of(2020, 2, 11),
                new BigDecimal("0.500"),
                2,
                4,
                new BigDecimal("1.25"),
                80,
                new BigDecimal("8.0"),
                150,
                1500,
                "default",
                "system");
    }

    @Test
    void measure() {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "60"));
        long seed = Long.getLong("bench.seed", 1);
        long start = System.nanoTime();
        CityScale.Generated city = CityScale.generate(new Counties(), seed, 100_000, 300, 500, 3_200);
        List<Planner.Wanted> wanted = city.demands().stream()
                .map(d -> new Planner.Wanted(d.id(), d.origin(), d.workers(), d.windowFrom(), d.windowTo()))
                .toList();
        Planner.Built built = Planner.assemble(
                city.from(), city.to(), defaults(), wanted, List.of(), city.buses(), new Counties(), Map.of());
        TripPlan plan = built.plan();
        long greedyTrips = plan.getTrips().stream()
                .filter(t -> t.used() && t.mode() == TripSlot.Mode.BUS)
                .count();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        // What is left of the budget, less two seconds for the solver's own start and end.
        double left = Math.max(1, seconds - buildSeconds - 2);
        Solver<TripPlan> solver = SolverFactory.<TripPlan>create(
                        PlannerConfiguration.config(Duration.ofMillis((long) (left * 1000)))
                                .withRandomSeed(seed))
                .buildSolver();
        TripPlan best = solver.solve(plan);
        double total = (System.nanoTime() - start) / 1e9;
        BendableLongScore score = best.getScore();
        long trips = best.getTrips().stream()
                .filter(t -> t.used() && t.mode() == TripSlot.Mode.BUS)
                .count();
        long trains = best.getTrips().stream()
                .filter(t -> t.used() && t.mode() != TripSlot.Mode.BUS)
                .count();
        VehicleAssignment vehicles = new VehicleAssignment(built.buses(), built.rules());
        Set<UUID> used = new HashSet<>();
        long withoutBus = 0;
        for (TripSlot slot : best.getTrips().stream()
                .filter(t -> t.used() && t.mode() == TripSlot.Mode.BUS)
                .sorted(Comparator.comparingInt(TripSlot::arrivalDay))
                .toList()) {
            UUID bus = vehicles.assign(slot, LocalDate.ofEpochDay(slot.arrivalDay()));
            if (bus == null) {
                withoutBus++;
            } else {
                used.add(bus);
            }
        }
        Map<String, Integer> unplannedBy = new TreeMap<>();
        for (WorkerGroup g : best.getGroups()) {
            if (g.getTrip() == null) {
                unplannedBy.merge(built.points().get(g.origin()).substring(0, 2), g.workers(), Integer::sum);
            }
        }
        System.out.println("BENCH unplanned by province " + unplannedBy);
        System.out.printf(
                Locale.ROOT,
                "BENCH workers=%d origins=%d demands=%d groups=%d vehicles=%d%n"
                        + "BENCH lowerBound=%d trips=%d over=%.2f%% (buses %d after the first plan %d, trains %d) unplanned=%d hard=%d km=%d%n"
                        + "BENCH busesUsed=%d tripsWithoutBus=%d build=%.1fs total=%.1fs%n",
                city.workers(),
                built.points().size() - 1,
                city.demands().size(),
                plan.getGroups().size(),
                city.buses().size(),
                built.lowerBound(),
                trips + trains,
                100.0 * (trips + trains - built.lowerBound()) / built.lowerBound(),
                trips,
                greedyTrips,
                trains,
                -score.softScore(0),
                -score.hardScore(0),
                -score.softScore(2),
                used.size(),
                withoutBus,
                buildSeconds,
                total);
    }
}
