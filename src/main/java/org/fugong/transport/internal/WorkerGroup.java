package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.InverseRelationShadowVariable;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Workers of one demand who travel together: at most one vehicle's usable seats, from one origin,
 * wanting to arrive between two days (epoch days). The trip that takes them is the planner's choice.
 */
@PlanningEntity
public class WorkerGroup {

    @PlanningId
    private String id;

    private UUID demandId;
    private int origin;
    private int workers;
    private int from;
    private int to;

    @InverseRelationShadowVariable(sourceVariableName = "groups")
    private @Nullable TripSlot trip;

    public WorkerGroup() {}

    public WorkerGroup(String id, UUID demandId, int origin, int workers, int from, int to) {
        this.id = id;
        this.demandId = demandId;
        this.origin = origin;
        this.workers = workers;
        this.from = from;
        this.to = to;
    }

    public String getId() {
        return id;
    }

    public UUID demandId() {
        return demandId;
    }

    public int origin() {
        return origin;
    }

    public int workers() {
        return workers;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public @Nullable TripSlot getTrip() {
        return trip;
    }

    public void setTrip(@Nullable TripSlot trip) {
        this.trip = trip;
    }

    @Override
    public String toString() {
        return id;
    }
}
