package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/** No vehicle over its capacity (hard, by the excess); the shortest total distance (soft). */
public class RouteConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            factory.forEach(RouteVehicle.class)
                    .filter(v -> v.overload() > 0)
                    .penalizeLong(HardSoftLongScore.ONE_HARD, RouteVehicle::overload)
                    .asConstraint("capacity"),
            factory.forEach(RouteVehicle.class)
                    .filter(v -> !v.getStops().isEmpty())
                    .penalizeLong(HardSoftLongScore.ONE_SOFT, RouteVehicle::distance)
                    .asConstraint("distance")
        };
    }
}
