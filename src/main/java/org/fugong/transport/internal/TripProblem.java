package org.fugong.transport.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds what the planner solves: demand split into groups no bigger than a vehicle, the trips the
 * fleet can make (buses by class, trains and flights on their days), the pinned trips as they are;
 * and a first plan made greedily (full buses straight from their origin, then the rest packed with
 * nearby origins on a day that suits them), which the search then improves.
 */
public final class TripProblem {

    /** So many workers of a demand from an origin point, wanting to arrive between two epoch days. */
    public record Need(UUID demandId, int origin, int workers, int from, int to) {}

    /** Buses alike: usable seats, crew, and how many trips of this class the fleet can make in the period. */
    public record BusClass(int usableSeats, int drivers, int trips) {}

    /** A train or flight: its seats, its origin point, its day. */
    public record Departure(String id, TripSlot.Mode mode, int seats, int origin, int day) {}

    /** A pinned trip: its id and its loads in pickup order. */
    public record Pinned(
            String id, TripSlot.Mode mode, int seats, int drivers, int origin, int day, List<Need> loads) {}

    private TripProblem() {}

    public static TripPlan build(
            List<Need> needs,
            List<BusClass> buses,
            List<Departure> departures,
            List<Pinned> pinned,
            TripGeometry geometry,
            TripSlot.Limits limits) {
        List<WorkerGroup> groups = new ArrayList<>();
        List<TripSlot> trips = new ArrayList<>();
        int counter = 0;
        for (Pinned p : pinned) {
            TripSlot slot = new TripSlot(
                    p.id(),
                    p.mode(),
                    p.seats(),
                    p.drivers(),
                    p.mode() == TripSlot.Mode.BUS ? -1 : p.origin(),
                    p.mode() == TripSlot.Mode.BUS ? Integer.MIN_VALUE : p.day(),
                    geometry,
                    limits);
            List<WorkerGroup> loads = new ArrayList<>();
            for (Need load : p.loads()) {
                WorkerGroup group = new WorkerGroup(
                        "g" + counter++, load.demandId(), load.origin(), load.workers(), load.from(), load.to());
                groups.add(group);
                loads.add(group);
                group.setTrip(slot);
            }
            slot.setGroups(loads);
            slot.setPinned(true);
            trips.add(slot);
        }
        int chunk = buses.stream()
                .max(Comparator.comparingInt(BusClass::trips))
                .map(BusClass::usableSeats)
                .orElse(1);
        List<WorkerGroup> free = new ArrayList<>();
        for (Need need : needs) {
            int left = need.workers();
            while (left > 0) {
                int take = Math.min(chunk, left);
                free.add(
                        new WorkerGroup("g" + counter++, need.demandId(), need.origin(), take, need.from(), need.to()));
                left -= take;
            }
        }
        groups.addAll(free);
        for (Departure d : departures) {
            trips.add(new TripSlot(d.id(), d.mode(), d.seats(), 0, d.origin(), d.day(), geometry, limits));
        }
        int[] left = new int[buses.size()];
        for (int c = 0; c < buses.size(); c++) {
            left[c] = buses.get(c).trips();
        }
        Greedy greedy = new Greedy(geometry, limits, buses, left, trips, groups);
        greedy.fill(free);
        return new TripPlan(groups, trips);
    }

    /**
     * The fewest trips any plan needs: per origin, its workers over the largest usable seats of a bus
     * (rounded up), summed; an origin with trains or flights of its own over their largest seats.
     */
    public static int lowerBound(List<Need> needs, int seats, Map<Integer, Integer> departureSeats) {
        Map<Integer, Integer> byOrigin = new HashMap<>();
        for (Need need : needs) {
            byOrigin.merge(need.origin(), need.workers(), Integer::sum);
        }
        int bound = 0;
        for (var origin : byOrigin.entrySet()) {
            int capacity = Math.max(seats, departureSeats.getOrDefault(origin.getKey(), 0));
            bound += (origin.getValue() + capacity - 1) / capacity;
        }
        return bound;
    }

    /** The bus trips' share of the bound: origins without a train or flight of their own. */
    public static int busLowerBound(List<Need> needs, int seats, Map<Integer, Integer> departureSeats) {
        List<Need> byBus = needs.stream()
                .filter(n -> !departureSeats.containsKey(n.origin()))
                .toList();
        return lowerBound(byBus, seats, Map.of());
    }

    /** The first plan: trains and flights first, then full buses, then the rest packed first-fit. */
    private static final class Greedy {
        private final TripGeometry geometry;
        private final TripSlot.Limits limits;
        private final List<BusClass> buses;
        private final int[] left;
        private final List<TripSlot> trips;
        private final List<WorkerGroup> all;
        private final List<TripSlot> open = new ArrayList<>();
        private int made;

        Greedy(
                TripGeometry geometry,
                TripSlot.Limits limits,
                List<BusClass> buses,
                int[] left,
                List<TripSlot> trips,
                List<WorkerGroup> all) {
            this.all = all;
            this.geometry = geometry;
            this.limits = limits;
            this.buses = buses;
            this.left = left;
            this.trips = trips;
        }

        void fill(List<WorkerGroup> free) {
            List<WorkerGroup> rest = new ArrayList<>(free);
            rest.sort(Comparator.comparingInt(WorkerGroup::workers).reversed());
            for (TripSlot slot : List.copyOf(trips)) {
                if (slot.fixedOrigin() < 0 || slot.isPinned()) {
                    continue;
                }
                // Its own county's workers first, then those near enough to reach its station.
                int load = 0;
                for (boolean own : new boolean[] {true, false}) {
                    for (var it = rest.iterator(); it.hasNext(); ) {
                        WorkerGroup g = it.next();
                        if (load + g.workers() <= slot.capacity()
                                && (g.origin() == slot.fixedOrigin()) == own
                                && g.from() <= slot.fixedDay()
                                && slot.fixedDay() <= g.to()
                                && geometry.km(slot.fixedOrigin(), g.origin()) <= limits.pickupRadiusKm()) {
                            add(slot, g);
                            load += g.workers();
                            it.remove();
                        }
                    }
                }
            }
            // Nearby origins next to each other, earliest windows first, big groups before small ones.
            rest.sort(Comparator.comparingInt((WorkerGroup g) -> geometry.km(0, g.origin()) / 50)
                    .thenComparingInt(WorkerGroup::origin)
                    .thenComparingInt(WorkerGroup::from)
                    .thenComparing(Comparator.comparingInt(WorkerGroup::workers).reversed()));
            for (WorkerGroup g : rest) {
                TripSlot into = null;
                for (int i = open.size() - 1; i >= Math.max(0, open.size() - 200) && into == null; i--) {
                    TripSlot slot = open.get(i);
                    if (fits(slot, g)) {
                        into = slot;
                    }
                }
                if (into == null) {
                    into = newBus(g);
                    if (into == null) {
                        continue; // no trip left that can take them: unplanned
                    }
                    open.add(into);
                }
                add(into, g);
                if (into.load() >= into.capacity()) {
                    open.remove(into);
                }
            }
            eliminate();
            // Slack for the search: a spare bus of each class with trips left.
            for (int c = 0; c < buses.size(); c++) {
                int spare = Math.min(left[c], Math.max(2, made / 20));
                for (int s = 0; s < spare; s++) {
                    slot(c);
                }
            }
        }

        /**
         * Empties the emptiest buses where it can: each of their groups moved into another partly
         * filled bus that takes it (seats, a common day, pickups near, the crew's day) — whole, or split
         * over several such buses — and the emptied bus given back: a route-elimination pass over what
         * first-fit left half full.
         */
        private void eliminate() {
            List<TripSlot> partial = new ArrayList<>(trips.stream()
                    .filter(t -> t.mode() == TripSlot.Mode.BUS && !t.isPinned() && t.used() && t.load() < t.capacity())
                    .toList());
            partial.sort(Comparator.comparingInt(TripSlot::load));
            for (TripSlot emptied : List.copyOf(partial)) {
                if (partial.contains(emptied) && empty(emptied, partial)) {
                    partial.remove(emptied);
                    partial.removeIf(t -> t.load() >= t.capacity());
                    partial.sort(Comparator.comparingInt(TripSlot::load));
                }
            }
        }

        private boolean empty(TripSlot emptied, List<TripSlot> partial) {
            Map<TripSlot, List<WorkerGroup>> before = new HashMap<>();
            List<WorkerGroup> split = new ArrayList<>();
            List<WorkerGroup> parts = new ArrayList<>();
            for (WorkerGroup g : List.copyOf(emptied.getGroups())) {
                TripSlot whole = null;
                for (int i = partial.size() - 1; i >= 0 && whole == null; i--) {
                    TripSlot candidate = partial.get(i);
                    if (candidate != emptied && near(candidate, g) && fits(candidate, g)) {
                        whole = candidate;
                    }
                }
                if (whole != null) {
                    before.putIfAbsent(whole, whole.getGroups());
                    add(whole, g);
                    continue;
                }
                int left = g.workers();
                List<WorkerGroup> pieces = new ArrayList<>();
                for (int i = partial.size() - 1; i >= 0 && left > 0; i--) {
                    TripSlot candidate = partial.get(i);
                    int spare = candidate.capacity() - candidate.load();
                    if (candidate == emptied || spare <= 0 || !near(candidate, g)) {
                        continue;
                    }
                    WorkerGroup piece = new WorkerGroup(
                            g.getId() + "." + pieces.size(),
                            g.demandId(),
                            g.origin(),
                            Math.min(spare, left),
                            g.from(),
                            g.to());
                    if (fits(candidate, piece)) {
                        before.putIfAbsent(candidate, candidate.getGroups());
                        add(candidate, piece);
                        pieces.add(piece);
                        left -= piece.workers();
                    }
                }
                if (left > 0) {
                    before.forEach((slot, groups) -> {
                        slot.setGroups(groups);
                        groups.forEach(x -> x.setTrip(slot));
                    });
                    emptied.getGroups().forEach(x -> x.setTrip(emptied));
                    return false;
                }
                split.add(g);
                parts.addAll(pieces);
            }
            emptied.setGroups(new ArrayList<>());
            split.forEach(g -> g.setTrip(null));
            all.removeAll(split);
            all.addAll(parts);
            return true;
        }

        private boolean near(TripSlot slot, WorkerGroup g) {
            return geometry.km(slot.getGroups().get(0).origin(), g.origin()) <= limits.pickupRadiusKm();
        }

        private boolean fits(TripSlot slot, WorkerGroup g) {
            if (slot.load() + g.workers() > slot.capacity()) {
                return false;
            }
            List<WorkerGroup> before = slot.getGroups();
            List<WorkerGroup> after = new ArrayList<>(before);
            after.add(g);
            slot.setGroups(after);
            boolean ok = slot.windowMiss() == 0 && slot.pickupExcessKm() == 0 && slot.drivingExcessMinutes() == 0;
            slot.setGroups(before);
            return ok;
        }

        private TripSlot newBus(WorkerGroup g) {
            double hours = geometry.km(g.origin(), 0) / limits.speedKmh();
            int best = -1;
            for (int c = 0; c < buses.size(); c++) {
                BusClass bus = buses.get(c);
                if (left[c] > 0
                        && bus.usableSeats() >= g.workers()
                        && hours <= bus.drivers() * limits.drivingHoursPerDriver()
                        && (best < 0
                                || bus.usableSeats() > buses.get(best).usableSeats()
                                || (bus.usableSeats() == buses.get(best).usableSeats()
                                        && bus.drivers() < buses.get(best).drivers()))) {
                    best = c;
                }
            }
            return best < 0 ? null : slot(best);
        }

        private TripSlot slot(int c) {
            left[c]--;
            BusClass bus = buses.get(c);
            TripSlot slot = new TripSlot(
                    "b" + c + "-" + made++,
                    TripSlot.Mode.BUS,
                    bus.usableSeats(),
                    bus.drivers(),
                    -1,
                    Integer.MIN_VALUE,
                    geometry,
                    limits);
            trips.add(slot);
            return slot;
        }

        private static void add(TripSlot slot, WorkerGroup g) {
            List<WorkerGroup> groups = new ArrayList<>(slot.getGroups());
            groups.add(g);
            slot.setGroups(groups);
            g.setTrip(slot);
        }
    }
}
