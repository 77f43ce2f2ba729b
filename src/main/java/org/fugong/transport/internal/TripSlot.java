package org.fugong.transport.internal;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * A trip the planner may fill: a bus (usable seats, a crew) or a train or flight that leaves from one
 * origin on one day. Its groups are picked up in order, then driven to the city. A pinned trip keeps
 * what it has.
 */
@PlanningEntity
public class TripSlot {

    public enum Mode {
        BUS,
        TRAIN,
        FLIGHT
    }

    /** What a trip must respect, from the rules and its vehicle. */
    public record Limits(int pickupRadiusKm, double speedKmh, double drivingHoursPerDriver) {}

    @PlanningId
    private String id;

    private Mode mode;
    private int capacity;
    private int drivers;
    /** A train's or flight's origin point, or -1 for a bus. */
    private int fixedOrigin;
    /** A train's or flight's day (epoch day), or Integer.MIN_VALUE for a bus. */
    private int fixedDay;

    private TripGeometry geometry;
    private Limits limits;

    @PlanningPin
    private boolean pinned;

    @PlanningListVariable(allowsUnassignedValues = true)
    private List<WorkerGroup> groups = new ArrayList<>();

    public TripSlot() {}

    public TripSlot(
            String id,
            Mode mode,
            int capacity,
            int drivers,
            int fixedOrigin,
            int fixedDay,
            TripGeometry geometry,
            Limits limits) {
        this.id = id;
        this.mode = mode;
        this.capacity = capacity;
        this.drivers = drivers;
        this.fixedOrigin = fixedOrigin;
        this.fixedDay = fixedDay;
        this.geometry = geometry;
        this.limits = limits;
    }

    public String getId() {
        return id;
    }

    public Mode mode() {
        return mode;
    }

    public int capacity() {
        return capacity;
    }

    public int drivers() {
        return drivers;
    }

    public int fixedOrigin() {
        return fixedOrigin;
    }

    public int fixedDay() {
        return fixedDay;
    }

    public boolean isPinned() {
        return pinned;
    }

    public void setPinned(boolean pinned) {
        this.pinned = pinned;
    }

    public List<WorkerGroup> getGroups() {
        return groups;
    }

    public void setGroups(List<WorkerGroup> groups) {
        this.groups = groups;
    }

    public boolean used() {
        return !groups.isEmpty();
    }

    public int load() {
        int load = 0;
        for (WorkerGroup group : groups) {
            load += group.workers();
        }
        return load;
    }

    public int overload() {
        return Math.max(0, load() - capacity);
    }

    /** The days by which the groups' windows fail to meet (0 when there is a day that suits them all). */
    public int windowMiss() {
        int from = Integer.MIN_VALUE;
        int to = Integer.MAX_VALUE;
        for (WorkerGroup group : groups) {
            from = Math.max(from, group.from());
            to = Math.min(to, group.to());
        }
        if (fixedDay != Integer.MIN_VALUE && !groups.isEmpty()) {
            from = Math.max(from, fixedDay);
            to = Math.min(to, fixedDay);
        }
        return groups.isEmpty() ? 0 : Math.max(0, from - to);
    }

    /** The day it arrives: the first that suits every group (its own day for a train or flight). */
    public int arrivalDay() {
        if (fixedDay != Integer.MIN_VALUE) {
            return fixedDay;
        }
        int from = Integer.MIN_VALUE;
        for (WorkerGroup group : groups) {
            from = Math.max(from, group.from());
        }
        return from;
    }

    /**
     * Kilometres beyond the pickup radius: between consecutive pickups for a bus, from its own origin
     * to each group's for a train or flight (workers go to the station by themselves within the radius).
     */
    public int pickupExcessKm() {
        int excess = 0;
        if (fixedOrigin >= 0) {
            for (WorkerGroup group : groups) {
                excess += Math.max(0, geometry.km(fixedOrigin, group.origin()) - limits.pickupRadiusKm());
            }
            return excess;
        }
        return Math.max(0, pickupKm() - limits.pickupRadiusKm());
    }

    /** Kilometres between the first pickup and the last. */
    public int pickupKm() {
        int km = 0;
        int previous = -1;
        for (WorkerGroup group : groups) {
            if (previous >= 0) {
                km += geometry.km(previous, group.origin());
            }
            previous = group.origin();
        }
        return km;
    }

    /** Kilometres with passengers on board: the pickups, then the road to the city. */
    public int loadedKm() {
        if (groups.isEmpty() || fixedOrigin >= 0) {
            return 0;
        }
        return pickupKm() + geometry.km(groups.get(groups.size() - 1).origin(), 0);
    }

    /** The bus's round trip from the city and back (0 for a train or flight, which runs anyway). */
    public int distanceKm() {
        if (groups.isEmpty() || fixedOrigin >= 0) {
            return 0;
        }
        return geometry.km(0, groups.get(0).origin()) + loadedKm();
    }

    /** Hours driven with passengers on board. */
    public double loadedHours() {
        return loadedKm() / limits.speedKmh();
    }

    /**
     * Minutes of driving with passengers beyond what the crew may drive in a day (no overnight stop with
     * passengers on board: point to point, no stops).
     */
    public long drivingExcessMinutes() {
        if (fixedOrigin >= 0 || groups.isEmpty()) {
            return 0;
        }
        double allowed = drivers * limits.drivingHoursPerDriver();
        return Math.max(0, Math.round((loadedHours() - allowed) * 60));
    }

    @Override
    public String toString() {
        return id;
    }
}
