package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.buildin.bendablelong.BendableLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/**
 * The planner's rules, most important first: capacity, a day inside every group's window, pickups
 * near each other (or near the station), the crew's driving limit (hard); then every worker planned,
 * the fewest trips, the fewest kilometres (soft, in that order).
 */
public class TripConstraints implements ConstraintProvider {

    private static final BendableLongScore HARD =
            BendableLongScore.ofHard(TripPlan.HARD_LEVELS, TripPlan.SOFT_LEVELS, 0, 1);

    private static BendableLongScore soft(int level) {
        return BendableLongScore.ofSoft(TripPlan.HARD_LEVELS, TripPlan.SOFT_LEVELS, level, 1);
    }

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            factory.forEach(TripSlot.class)
                    .filter(t -> t.overload() > 0)
                    .penalizeLong(HARD, t -> t.overload())
                    .asConstraint("capacity"),
            factory.forEach(TripSlot.class)
                    .filter(t -> t.windowMiss() > 0)
                    .penalizeLong(HARD, t -> (long) t.windowMiss() * t.load())
                    .asConstraint("arrivalWindow"),
            factory.forEach(TripSlot.class)
                    .filter(t -> t.pickupExcessKm() > 0)
                    .penalizeLong(HARD, t -> t.pickupExcessKm())
                    .asConstraint("pickupRadius"),
            factory.forEach(TripSlot.class)
                    .filter(t -> t.drivingExcessMinutes() > 0)
                    .penalizeLong(HARD, TripSlot::drivingExcessMinutes)
                    .asConstraint("drivingLimit"),
            factory.forEachIncludingUnassigned(WorkerGroup.class)
                    .filter(g -> g.getTrip() == null)
                    .penalizeLong(soft(0), WorkerGroup::workers)
                    .asConstraint("unplanned"),
            factory.forEach(TripSlot.class)
                    .filter(TripSlot::used)
                    .penalizeLong(soft(1), t -> 1L)
                    .asConstraint("trips"),
            factory.forEach(TripSlot.class)
                    .filter(TripSlot::used)
                    .penalizeLong(soft(2), t -> (long) t.distanceKm())
                    .asConstraint("distance")
        };
    }
}
