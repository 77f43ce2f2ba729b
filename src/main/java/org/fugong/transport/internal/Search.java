package org.fugong.transport.internal;

import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * The search both the trip planner and the CVRPLIB benchmark use: a construction heuristic, then late
 * acceptance over Timefold's list moves (change, swap, 2-opt). What else was tried and what it bought
 * is in docs/transport.md.
 */
final class Search {

    private Search() {}

    static SolverConfig configure(SolverConfig config) {
        return config;
    }
}
