package org.fugong.transport.internal;

import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * The search the trip planner uses, and the first configuration of the CVRPLIB benchmark's portfolio:
 * a construction heuristic, then late acceptance over Timefold's list moves (change, swap, 2-opt). The
 * portfolio's second configuration keeps its moves near ({@link CvrpSolver#nearConfig}). What else was
 * tried and what it bought is in docs/transport.md.
 */
final class Search {

    private Search() {}

    static SolverConfig configure(SolverConfig config) {
        return config;
    }
}
