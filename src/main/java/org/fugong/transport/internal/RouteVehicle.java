package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;
import java.util.ArrayList;
import java.util.List;

/** One vehicle and the stops it serves in order, from the depot and back. */
@PlanningEntity
public class RouteVehicle {

    @PlanningId
    private int id;

    private int capacity;

    private Distances distances;

    @PlanningListVariable
    private List<RouteStop> stops = new ArrayList<>();

    public RouteVehicle() {}

    public RouteVehicle(int id, int capacity, Distances distances) {
        this.id = id;
        this.capacity = capacity;
        this.distances = distances;
    }

    /** Distances between nodes, node 0 the depot. */
    public interface Distances {
        long between(int from, int to);
    }

    public int id() {
        return id;
    }

    public int capacity() {
        return capacity;
    }

    public List<RouteStop> getStops() {
        return stops;
    }

    public void setStops(List<RouteStop> stops) {
        this.stops = stops;
    }

    /** What it carries in all. */
    public long load() {
        long load = 0;
        for (RouteStop stop : stops) {
            load += stop.demand();
        }
        return load;
    }

    /** Over its capacity by this much (0 when it is not). */
    public long overload() {
        return Math.max(0, load() - capacity);
    }

    /** The length of its round trip. */
    public long distance() {
        if (stops.isEmpty()) {
            return 0;
        }
        long total = 0;
        int previous = 0;
        for (RouteStop stop : stops) {
            total += distances.between(previous, stop.node());
            previous = stop.node();
        }
        return total + distances.between(previous, 0);
    }

    @Override
    public String toString() {
        return "vehicle " + id;
    }
}
