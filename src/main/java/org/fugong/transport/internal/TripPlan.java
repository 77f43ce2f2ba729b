package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.bendablelong.BendableLongScore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The groups of a period and the trips they may take. Score levels: hard (capacity, a day that suits
 * every group, pickups near each other, the crew's driving), then soft in order: workers left
 * unplanned, trips used, kilometres driven.
 */
@PlanningSolution
public class TripPlan {

    public static final int HARD_LEVELS = 1;
    public static final int SOFT_LEVELS = 3;

    @PlanningEntityCollectionProperty
    @ValueRangeProvider
    private List<WorkerGroup> groups;

    @PlanningEntityCollectionProperty
    private List<TripSlot> trips;

    @PlanningScore(bendableHardLevelsSize = HARD_LEVELS, bendableSoftLevelsSize = SOFT_LEVELS)
    private @Nullable BendableLongScore score;

    public TripPlan() {
        this.groups = List.of();
        this.trips = List.of();
    }

    public TripPlan(List<WorkerGroup> groups, List<TripSlot> trips) {
        this.groups = groups;
        this.trips = trips;
    }

    public List<WorkerGroup> getGroups() {
        return groups;
    }

    public List<TripSlot> getTrips() {
        return trips;
    }

    public @Nullable BendableLongScore getScore() {
        return score;
    }

    public void setScore(@Nullable BendableLongScore score) {
        this.score = score;
    }
}
