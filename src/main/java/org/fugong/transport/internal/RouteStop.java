package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.lookup.PlanningId;

/** A stop to be served by one trip: a node of the problem and what it needs carried. */
public class RouteStop {

    @PlanningId
    private int node;

    private int demand;

    public RouteStop() {}

    public RouteStop(int node, int demand) {
        this.node = node;
        this.demand = demand;
    }

    public int node() {
        return node;
    }

    public int demand() {
        return demand;
    }

    @Override
    public String toString() {
        return "stop " + node;
    }
}
