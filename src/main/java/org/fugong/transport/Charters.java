package org.fugong.transport;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Fleet;
import org.fugong.transport.internal.Planner;
import org.fugong.transport.internal.Trips;
import org.springframework.stereotype.Service;

/**
 * What other modules (the demo city) may do with chartered transport, through the same services and
 * checks as the pages: register returning workers, name them, add vehicles, plan a period and wait
 * for the plan, freeze a trip's manifest, hand its passengers over.
 */
@Service
public class Charters {

    /** A trip and the version its next step must name. */
    public record TripRef(UUID id, int number, int version, String mode, int workers) {}

    private final Demands demands;
    private final Fleet fleet;
    private final Planner planner;
    private final Trips trips;

    Charters(Demands demands, Fleet fleet, Planner planner, Trips trips) {
        this.demands = demands;
        this.fleet = fleet;
        this.planner = planner;
        this.trips = trips;
    }

    /** Registers workers of an employer (by credit code) from a county, wanting to arrive between two days. */
    public UUID register(
            Actor actor, String uscc, String originCode, int workers, LocalDate from, LocalDate to, String contact) {
        return demands.register(
                actor,
                Scope.city(),
                new Demands.NewDemand(
                        uscc, originCode, String.valueOf(workers), from.toString(), to.toString(), contact, null));
    }

    /** The employer (its own actor) names workers among its staff who share their code with it. */
    public int name(Actor employer, UUID demandId, List<UUID> personIds) {
        return demands.name(employer, Scope.enterprise(employer.enterpriseId()), demandId, personIds);
    }

    /** Adds vehicles alike: buses (available between two days) or a train or flight (from a county on a day). */
    public int addVehicles(
            String kind,
            String label,
            String operator,
            int ratedSeats,
            int drivers,
            LocalDate from,
            LocalDate to,
            String originCode,
            int count) {
        boolean bus = kind.equals("BUS");
        return fleet.add(
                Scope.city(),
                new Fleet.NewVehicle(
                        kind,
                        label,
                        operator,
                        String.valueOf(ratedSeats),
                        String.valueOf(drivers),
                        "6",
                        from.toString(),
                        to.toString(),
                        bus ? null : originCode,
                        bus ? null : from.toString(),
                        String.valueOf(count)));
    }

    /** Plans a period on the calling thread, in its transaction, for a time budget; the plan's id. */
    public UUID plan(Actor actor, LocalDate from, LocalDate to, Duration budget) {
        return planner.planNow(actor, from, to, budget);
    }

    /** The trips carrying a demand's workers. */
    public List<TripRef> tripsOf(UUID demandId) {
        return trips.carrying(demandId).stream()
                .map(t -> new TripRef(t.id(), t.number(), t.version(), t.mode(), t.workers()))
                .toList();
    }

    /** Freezes a trip's manifest: how many were removed for their code. */
    public int freeze(Actor actor, TripRef trip) {
        return trips.freeze(actor, Scope.city(), trip.id(), trip.version()).removed();
    }

    /** Calls the roll (everyone on board) and hands the passengers over; how many went to isolation. */
    public int arrive(TripRef trip, Set<Integer> symptomSeats) {
        Trips.Manifest manifest = trips.manifest(Scope.city(), trip.id());
        Set<UUID> boarded = new HashSet<>();
        Set<UUID> symptoms = new HashSet<>();
        for (Trips.Passenger p : manifest.passengers()) {
            if (!p.status().equals("REMOVED")) {
                boarded.add(p.id());
                if (p.seat() != null && symptomSeats.contains(p.seat())) {
                    symptoms.add(p.id());
                }
            }
        }
        int version = manifest.trip().version();
        trips.rollCall(Scope.city(), trip.id(), version, boarded);
        return trips.arrive(Scope.city(), trip.id(), version + 1, symptoms).isolated();
    }
}
