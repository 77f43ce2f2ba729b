package org.fugong.transport.internal;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.ListChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.ListSwapMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.list.kopt.KOptListMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Solves a CVRPLIB instance with the routing model the transport planner uses (capacity hard,
 * distance soft): one configuration for the benchmark and the planner.
 */
public final class CvrpSolver {

    /** The routes found, their cost, and how many vehicles they use. */
    public record Result(List<List<Integer>> routes, long cost, int vehicles, boolean feasible, double seconds) {}

    private CvrpSolver() {}

    /** The solver configuration: the model, the planner's search, a time limit and a seed for repeatable runs. */
    public static SolverConfig config(Duration limit, long seed) {
        return Search.configure(new SolverConfig()
                        .withSolutionClass(RoutePlan.class)
                        .withEntityClasses(RouteVehicle.class)
                        .withConstraintProviderClass(RouteConstraints.class))
                .withRandomSeed(seed)
                .withTerminationSpentLimit(limit);
    }

    /**
     * Solves with one solver per core, each from its own seed, for the same wall-clock limit, and
     * keeps the best feasible plan (a portfolio: the open-source solver searches on one thread). Every
     * second solver searches near (its moves kept to each stop's nearest nodes, a longer late
     * acceptance): the two settle in different places, and the better one is kept.
     */
    public static Result solve(Cvrp cvrp, Duration limit, long seed) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long own = seed + t;
                runs.add(pool.submit(() -> solveOnce(cvrp, limit, own)));
            }
            Result best = null;
            for (Future<Result> run : runs) {
                Result result = run.get();
                if (best == null
                        || (result.feasible() && !best.feasible())
                        || (result.feasible() == best.feasible() && result.cost() < best.cost())) {
                    best = result;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(best.routes(), best.cost(), best.vehicles(), best.feasible(), seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while solving " + cvrp.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not solve " + cvrp.name(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each stop's nearest nodes that the second configuration of the portfolio keeps its moves to. */
    static final int NEAREST = 10;

    /** The late acceptance of the portfolio's second configuration (the first keeps Timefold's 400). */
    static final int NEAR_LATE_ACCEPTANCE = 1000;

    /**
     * The portfolio's second configuration: list change and swap kept near (a stop's nearest nodes), with a
     * longer late acceptance, for the instances where the first one settles early.
     */
    static SolverConfig nearConfig(Duration limit, long seed) {
        return new SolverConfig()
                .withSolutionClass(RoutePlan.class)
                .withEntityClasses(RouteVehicle.class)
                .withConstraintProviderClass(RouteConstraints.class)
                .withRandomSeed(seed)
                .withTerminationSpentLimit(limit)
                .withPhases(
                        new ConstructionHeuristicPhaseConfig(),
                        new LocalSearchPhaseConfig()
                                .withMoveSelectorConfig(new UnionMoveSelectorConfig(List.of(
                                        new ListChangeMoveSelectorConfig().withFilterClass(NearbyMoves.class),
                                        new ListSwapMoveSelectorConfig().withFilterClass(NearbyMoves.class),
                                        new KOptListMoveSelectorConfig(),
                                        new MoveIteratorFactoryConfig()
                                                .withMoveIteratorFactoryClass(TailSwapMoves.class))))
                                .withAcceptorConfig(
                                        new LocalSearchAcceptorConfig().withLateAcceptanceSize(NEAR_LATE_ACCEPTANCE))
                                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1)));
    }

    /** One solver, one seed. */
    static Result solveOnce(Cvrp cvrp, Duration limit, long seed) {
        List<RouteStop> stops = new ArrayList<>();
        for (int node = 1; node < cvrp.size(); node++) {
            stops.add(new RouteStop(node, cvrp.demand()[node]));
        }
        List<RouteVehicle> vehicles = new ArrayList<>();
        // One spare vehicle, so that a feasible plan is easy to reach (and an instance whose best routes need one
        // more than its name says can have it); the distance keeps it idle otherwise.
        for (int v = 0; v < cvrp.vehicles() + 1; v++) {
            vehicles.add(new RouteVehicle(v, cvrp.capacity(), cvrp::distance));
        }
        long start = System.nanoTime();
        RoutePlan problem = new RoutePlan(stops, vehicles);
        // Odd seeds (every second thread of the portfolio) search with the nearby configuration.
        boolean near = seed % 2 == 1;
        if (near) {
            problem.withNear(NearbyMoves.nearest(cvrp.size(), NEAREST, cvrp::distance))
                    .withNeighbours(NearbyMoves.neighbours(cvrp.size(), NEAREST, cvrp::distance));
        }
        Solver<RoutePlan> solver = SolverFactory.<RoutePlan>create(near ? nearConfig(limit, seed) : config(limit, seed))
                .buildSolver();
        RoutePlan best = solver.solve(problem);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<List<Integer>> routes = new ArrayList<>();
        long cost = 0;
        boolean feasible = true;
        for (RouteVehicle vehicle : best.getVehicles()) {
            if (vehicle.getStops().isEmpty()) {
                continue;
            }
            List<Integer> route =
                    vehicle.getStops().stream().map(RouteStop::node).toList();
            routes.add(route);
            cost += cvrp.cost(route);
            feasible &= cvrp.load(route) <= cvrp.capacity();
        }
        return new Result(routes, cost, routes.size(), feasible, seconds);
    }
}
