package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The vehicles and the stops they share out: capacity hard, distance soft. */
@PlanningSolution
public class RoutePlan {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<RouteStop> stops;

    @PlanningEntityCollectionProperty
    private List<RouteVehicle> vehicles;

    /** Whether one node is among another's nearest (node × node), for the moves that stay near; null: no limit. */
    private boolean @Nullable [][] near;

    /** Each node's nearest other stops, for the route-end exchanges; null: none drawn. */
    private int @Nullable [][] neighbours;

    @PlanningScore
    private @Nullable HardSoftLongScore score;

    public RoutePlan() {
        this.stops = List.of();
        this.vehicles = List.of();
    }

    public RoutePlan(List<RouteStop> stops, List<RouteVehicle> vehicles) {
        this.stops = stops;
        this.vehicles = vehicles;
    }

    public boolean @Nullable [][] near() {
        return near;
    }

    public RoutePlan withNear(boolean[][] near) {
        this.near = near;
        return this;
    }

    public int @Nullable [][] neighbours() {
        return neighbours;
    }

    public RoutePlan withNeighbours(int[][] neighbours) {
        this.neighbours = neighbours;
        return this;
    }

    public List<RouteStop> getStops() {
        return stops;
    }

    public List<RouteVehicle> getVehicles() {
        return vehicles;
    }

    public @Nullable HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(@Nullable HardSoftLongScore score) {
        this.score = score;
    }
}
