package org.fugong.transport.internal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.Persons;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trips and their manifests (一车一策): the bureau pins or edits a trip, freezes its manifest (every
 * named passenger's code checked: only green boards; anyone else is removed with the reason and the
 * seat offered to the next waiting worker), calls the roll at boarding and hands each passenger over
 * on arrival (to the employer, or to an isolation point). Employers and districts see the trips that
 * carry their workers, and only their own passengers.
 */
@Service
public class Trips {

    /** A trip as lists show it; {@code mine} is how many of its workers the viewer may see. */
    public record Trip(
            UUID id,
            UUID planId,
            int number,
            String mode,
            @Nullable UUID vehicleId,
            @Nullable String vehicleLabel,
            @Nullable String operator,
            int seats,
            LocalDate arriveOn,
            int distanceKm,
            BigDecimal drivingHours,
            boolean pinned,
            String status,
            @Nullable String driver,
            int version,
            int workers,
            int mine,
            @Nullable String origins) {}

    /** So many workers of an employer, picked up at an origin, in the trip's pickup order. */
    public record Load(
            int seq,
            UUID demandId,
            UUID enterpriseId,
            String enterpriseName,
            @Nullable String contact,
            String districtCode,
            String originCode,
            String originName,
            int workers) {}

    /** A passenger of a frozen manifest: named (masked) or counted. */
    public record Passenger(
            UUID id,
            UUID demandId,
            @Nullable UUID workerId,
            @Nullable UUID personId,
            @Nullable String maskedName,
            UUID enterpriseId,
            String districtCode,
            @Nullable Integer seat,
            String status,
            @Nullable String colour,
            @Nullable String reason,
            @Nullable Instant boardedAt,
            @Nullable Instant handedAt) {}

    /** A trip with what the viewer may see of it. */
    public record Manifest(
            Trip trip, List<Load> loads, List<Passenger> passengers, boolean planner, int hiddenWorkers) {}

    private final JdbcClient jdbc;
    private final Bureau bureau;
    private final Persons persons;
    private final EnterpriseDirectory enterprises;
    private final Counties counties;
    private final AuditTrail audit;
    private final Clock clock;

    Trips(
            JdbcClient jdbc,
            Bureau bureau,
            Persons persons,
            EnterpriseDirectory enterprises,
            Counties counties,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.counties = counties;
        this.enterprises = enterprises;
        this.bureau = bureau;
        this.persons = persons;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String TRIP = """
            select t.id, t.plan_id, t.number, t.mode, t.vehicle_id, v.label as vehicle_label, v.operator, t.seats, t.arrive_on,
                   t.distance_km, t.driving_hours, t.pinned, t.status, t.driver, t.version,
                   (select coalesce(sum(l.workers), 0) from transport_trip_load l where l.trip_id = t.id) as workers,
                   (select coalesce(sum(l.workers), 0) from transport_trip_load l join transport_demand d on d.id = l.demand_id
                    where l.trip_id = t.id and %s) as mine,
                   (select string_agg(distinct d.origin_code, ',') from transport_trip_load l
                    join transport_demand d on d.id = l.demand_id where l.trip_id = t.id) as origins
            from transport_trip t left join transport_vehicle v on v.id = t.vehicle_id
            """;

    /** The trips in scope (for an employer or a district, those that carry its workers), by day and number. */
    @Transactional(readOnly = true)
    public List<Trip> list(Scope scope, @Nullable UUID planId, @Nullable LocalDate day, int limit) {
        var condition = bureau.where(scope, "d");
        Map<String, Object> params = new HashMap<>(condition.parameters());
        StringBuilder sql = new StringBuilder(TRIP.formatted(condition.sql()))
                .append(
                        " where exists (select 1 from transport_trip_load l join transport_demand d on d.id = l.demand_id")
                .append(" where l.trip_id = t.id and ")
                .append(condition.sql())
                .append(")");
        if (planId != null) {
            sql.append(" and t.plan_id = :plan");
            params.put("plan", planId);
        }
        if (day != null) {
            sql.append(" and t.arrive_on = :day");
            params.put("day", day);
        }
        sql.append(" order by t.arrive_on, t.number limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Trip.class).list().stream()
                .map(this::withOriginNames)
                .toList();
    }

    /** The trip with its origins by name (county, prefecture) instead of by code. */
    private Trip withOriginNames(Trip t) {
        List<String> names = new ArrayList<>();
        for (String code : t.origins() == null ? new String[0] : t.origins().split(",")) {
            names.add(counties.find(code).map(c -> c.prefecture() + c.name()).orElse(code));
        }
        return new Trip(
                t.id(),
                t.planId(),
                t.number(),
                t.mode(),
                t.vehicleId(),
                t.vehicleLabel(),
                t.operator(),
                t.seats(),
                t.arriveOn(),
                t.distanceKm(),
                t.drivingHours(),
                t.pinned(),
                t.status(),
                t.driver(),
                t.version(),
                t.workers(),
                t.mine(),
                String.join("、", names));
    }

    /** One trip with its loads and passengers as the scope may see them: 404 if none, 403 if none of it is the viewer's. */
    @Transactional(readOnly = true)
    public Manifest manifest(Scope scope, UUID tripId) {
        Trip trip = trip(scope, tripId);
        return new Manifest(
                withOriginNames(trip),
                loads(scope, tripId),
                passengers(scope, tripId),
                bureau.plans(scope),
                trip.workers() - trip.mine());
    }

    /** The trip, if some of it is the viewer's (all of it for a planner): 404 if none, 403 if none of it is. */
    private Trip trip(Scope scope, UUID tripId) {
        var condition = bureau.where(scope, "d");
        Trip trip = jdbc.sql(TRIP.formatted(condition.sql()) + " where t.id = :id")
                .params(condition.parameters())
                .param("id", tripId)
                .query(Trip.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("trip", tripId));
        if (!bureau.plans(scope) && trip.mine() == 0) {
            throw new AccessDeniedException("No worker of this trip is in the actor's scope");
        }
        return trip;
    }

    /** The trip's loads the scope may see, in pickup order, with their employers' names and contacts. */
    private List<Load> loads(Scope scope, UUID tripId) {
        var condition = bureau.where(scope, "d");
        List<Load> loads = jdbc.sql("""
                        select l.seq, l.demand_id, d.enterprise_id, '' as enterprise_name, d.contact, d.district_code, d.origin_code,
                               '' as origin_name, l.workers
                        from transport_trip_load l join transport_demand d on d.id = l.demand_id
                        where l.trip_id = :id and %s order by l.seq""".formatted(condition.sql()))
                .params(condition.parameters())
                .param("id", tripId)
                .query(Load.class)
                .list();
        Map<UUID, EnterpriseSummary> names = enterprises.getAll(
                loads.stream().map(Load::enterpriseId).distinct().toList());
        return loads.stream()
                .map(l -> {
                    EnterpriseSummary e = names.get(l.enterpriseId());
                    return new Load(
                            l.seq(),
                            l.demandId(),
                            l.enterpriseId(),
                            e == null ? "" : e.name(),
                            l.contact() != null ? l.contact() : e == null ? null : e.legalRepresentative(),
                            l.districtCode(),
                            l.originCode(),
                            counties.find(l.originCode())
                                    .map(Counties.County::fullName)
                                    .orElse(l.originCode()),
                            l.workers());
                })
                .toList();
    }

    /** The trip's passengers the scope may see, by seat. */
    private List<Passenger> passengers(Scope scope, UUID tripId) {
        var condition = bureau.where(scope, "d");
        return jdbc.sql("""
                        select p.id, p.demand_id, p.worker_id, w.person_id, w.masked_name, p.enterprise_id, p.district_code, p.seat,
                               p.status, p.colour, p.reason, p.boarded_at, p.handed_at
                        from transport_passenger p left join transport_worker w on w.id = p.worker_id
                             join transport_demand d on d.id = p.demand_id
                        where p.trip_id = :id and %s
                        order by p.seat nulls last, p.status, w.masked_name""".formatted(condition.sql()))
                .params(condition.parameters())
                .param("id", tripId)
                .query(Passenger.class)
                .list();
    }

    private Trip locked(Scope scope, UUID tripId, int version) {
        bureau.checkPlanner(scope);
        Trip trip = trip(scope, tripId);
        int locked = jdbc.sql("update transport_trip set version = version + 1 where id = ? and version = ?")
                .params(tripId, version)
                .update();
        if (locked == 0) {
            throw new StaleVersionException();
        }
        return trip;
    }

    /** Pins a trip (a re-plan keeps it as it is) or lets it go. */
    @Transactional
    public void pin(Scope scope, UUID tripId, int version, boolean pinned) {
        Trip trip = locked(scope, tripId, version);
        if (!trip.status().equals("PLANNED")) {
            throw new RefusedChangeException("transport.trip.error.notPlanned");
        }
        jdbc.sql("update transport_trip set pinned = ? where id = ?")
                .params(pinned, tripId)
                .update();
        audit.record(AuditEntry.of(
                        "transport",
                        "TransportTrip",
                        tripId,
                        pinned ? "TRANSPORT_TRIP_PINNED" : "TRANSPORT_TRIP_UNPINNED")
                .change(Map.of("pinned", trip.pinned()), Map.of("pinned", pinned)));
    }

    /** Edits a trip's driver and vehicle; an edited trip is pinned, so that a re-plan keeps the edit. */
    @Transactional
    public void edit(Scope scope, UUID tripId, int version, @Nullable String driver, @Nullable UUID vehicleId) {
        Trip trip = locked(scope, tripId, version);
        if (trip.status().equals("ARRIVED")) {
            throw new RefusedChangeException("transport.trip.error.arrived");
        }
        String name = driver == null || driver.isBlank() ? null : driver.trim();
        if (name != null && name.length() > 100) {
            throw InvalidInputException.of("driver", "transport.error.tooLong");
        }
        if (vehicleId != null) {
            Integer seats = jdbc.sql("select rated_seats from transport_vehicle where id = ? and kind = ?")
                    .params(vehicleId, trip.mode())
                    .query(Integer.class)
                    .optional()
                    .orElseThrow(() -> InvalidInputException.of("vehicleId", "transport.trip.error.vehicle"));
            int clash = jdbc.sql(
                            "select count(*) from transport_trip where vehicle_id = ? and arrive_on = ? and id <> ?")
                    .params(vehicleId, trip.arriveOn(), tripId)
                    .query(Integer.class)
                    .single();
            if (clash > 0 || seats < trip.workers()) {
                throw InvalidInputException.of("vehicleId", "transport.trip.error.vehicle");
            }
        }
        jdbc.sql(
                        "update transport_trip set driver = ?, vehicle_id = coalesce(?, vehicle_id), pinned = (status = 'PLANNED') or pinned where id = ?")
                .params(name, vehicleId, tripId)
                .update();
        audit.record(AuditEntry.of("transport", "TransportTrip", tripId, "TRANSPORT_TRIP_EDITED")
                .change(
                        Map.of("driver", String.valueOf(trip.driver()), "vehicle", String.valueOf(trip.vehicleId())),
                        Map.of(
                                "driver",
                                String.valueOf(name),
                                "vehicle",
                                String.valueOf(vehicleId == null ? trip.vehicleId() : vehicleId))));
    }

    /** What freezing found: passengers on board, removed (with their reason) and seats given to waiting workers. */
    public record Freeze(int onBoard, int removed, int offered, int unnamed) implements Serializable {}

    /**
     * Freezes the manifest: one row per passenger. Named workers of the trip's loads come first; each one's
     * code is checked through the health-code module: green boards, anyone else is removed with the reason
     * and the seat offered to the next waiting named worker from the same origin whose window has the day.
     * Seats not filled by a name are counted passengers, checked at boarding.
     */
    @Transactional
    public Freeze freeze(Actor actor, Scope scope, UUID tripId, int version) {
        Trip trip = locked(scope, tripId, version);
        if (!trip.status().equals("PLANNED")) {
            throw new RefusedChangeException("transport.trip.error.notPlanned");
        }
        List<Load> loads = loads(scope, tripId);
        int onBoard = 0;
        int removed = 0;
        int offered = 0;
        int unnamed = 0;
        int seat = 0;
        Instant now = clock.instant();
        Set<UUID> taken = new HashSet<>();
        for (Load load : loads) {
            List<Demands.Worker> chosen = waitingWorkers(load.demandId(), null, trip.arriveOn()).stream()
                    .filter(w -> !taken.contains(w.id()))
                    .limit(load.workers())
                    .toList();
            chosen.forEach(w -> taken.add(w.id()));
            for (Demands.Worker worker : chosen) {
                CodeColour colour = persons.colour(worker.personId());
                if (colour == CodeColour.GREEN) {
                    insertPassenger(tripId, load.demandId(), worker.id(), ++seat, "ON_BOARD", colour, null);
                    onBoard++;
                    continue;
                }
                insertPassenger(
                        tripId,
                        load.demandId(),
                        worker.id(),
                        null,
                        "REMOVED",
                        colour,
                        "transport.passenger.reason.code." + colour.name());
                removed++;
                jdbc.sql("update transport_trip_load set workers = workers - 1 where trip_id = ? and seq = ?")
                        .params(tripId, load.seq())
                        .update();
                Demands.Worker next = nextWaiting(load.originCode(), trip.arriveOn(), taken);
                if (next != null) {
                    taken.add(next.id());
                    carryOneMore(tripId, next.demandId());
                    insertPassenger(
                            tripId,
                            next.demandId(),
                            next.id(),
                            ++seat,
                            "ON_BOARD",
                            CodeColour.GREEN,
                            "transport.passenger.reason.offered");
                    offered++;
                    onBoard++;
                }
            }
            for (int i = chosen.size(); i < load.workers(); i++) {
                insertPassenger(tripId, load.demandId(), null, ++seat, "ON_BOARD", null, null);
                unnamed++;
                onBoard++;
            }
        }
        jdbc.sql("delete from transport_trip_load where trip_id = ? and workers <= 0")
                .param(tripId)
                .update();
        jdbc.sql("update transport_trip set status = 'FROZEN', frozen_at = ? where id = ?")
                .params(Timestamp.from(now), tripId)
                .update();
        audit.record(AuditEntry.of("transport", "TransportTrip", tripId, "TRANSPORT_MANIFEST_FROZEN")
                .change(
                        null,
                        Map.of(
                                "onBoard",
                                onBoard,
                                "removed",
                                removed,
                                "offered",
                                offered,
                                "unnamed",
                                unnamed,
                                "by",
                                actor.getUsername())));
        return new Freeze(onBoard, removed, offered, unnamed);
    }

    /** Named workers of a demand (or of an origin, across demands) not yet on any manifest, whose window has the day. */
    private List<Demands.Worker> waitingWorkers(@Nullable UUID demandId, @Nullable String origin, LocalDate day) {
        return jdbc.sql("""
                        select w.id, w.demand_id, w.person_id, w.masked_name
                        from transport_worker w join transport_demand d on d.id = w.demand_id
                        where (cast(:demand as uuid) is null or w.demand_id = :demand)
                          and (cast(:origin as varchar) is null or d.origin_code = :origin)
                          and :day between d.window_from and d.window_to
                          and not exists (select 1 from transport_passenger p where p.worker_id = w.id)
                        order by d.window_from, w.created_at, w.id""")
                .param("demand", demandId)
                .param("origin", origin)
                .param("day", day)
                .query(Demands.Worker.class)
                .list();
    }

    /** The next waiting named worker from the origin whose code is green now. */
    private Demands.@Nullable Worker nextWaiting(String origin, LocalDate day, Set<UUID> taken) {
        for (Demands.Worker worker : waitingWorkers(null, origin, day)) {
            if (!taken.contains(worker.id()) && persons.colour(worker.personId()) == CodeColour.GREEN) {
                return worker;
            }
        }
        return null;
    }

    /** One more worker of a demand on the trip: its load grows, or starts when the trip did not carry it yet. */
    private void carryOneMore(UUID tripId, UUID demandId) {
        int grown = jdbc.sql("update transport_trip_load set workers = workers + 1 where trip_id = ? and demand_id = ?")
                .params(tripId, demandId)
                .update();
        if (grown == 0) {
            jdbc.sql("""
                            insert into transport_trip_load (trip_id, seq, demand_id, workers)
                            select ?, coalesce(max(seq), 0) + 1, ?, 1 from transport_trip_load where trip_id = ?""").params(tripId, demandId, tripId).update();
        }
    }

    /** A passenger of a demand; the employer and district are the demand's. */
    private void insertPassenger(
            UUID tripId,
            UUID demandId,
            @Nullable UUID workerId,
            @Nullable Integer seat,
            String status,
            @Nullable CodeColour colour,
            @Nullable String reason) {
        jdbc.sql("""
                        insert into transport_passenger (id, trip_id, demand_id, worker_id, enterprise_id, district_code, seat, status,
                                                         colour, reason)
                        select ?, ?, d.id, ?, d.enterprise_id, d.district_code, ?, ?, ?, ? from transport_demand d where d.id = ?""")
                .params(
                        UUID.randomUUID(),
                        tripId,
                        workerId,
                        seat,
                        status,
                        colour == null ? null : colour.name(),
                        reason,
                        demandId)
                .update();
    }

    /** The roll call at boarding: those called board, the others are absent. */
    @Transactional
    public int rollCall(Scope scope, UUID tripId, int version, Set<UUID> boarded) {
        Trip trip = locked(scope, tripId, version);
        if (!trip.status().equals("FROZEN")) {
            throw new RefusedChangeException("transport.trip.error.notFrozen");
        }
        Timestamp now = Timestamp.from(clock.instant());
        int count = 0;
        for (Passenger p : passengers(scope, tripId)) {
            if (p.status().equals("REMOVED")) {
                continue;
            }
            boolean on = boarded.contains(p.id());
            jdbc.sql("update transport_passenger set status = ?, boarded_at = ? where id = ?")
                    .params(on ? "BOARDED" : "ABSENT", on ? now : null, p.id())
                    .update();
            count += on ? 1 : 0;
        }
        audit.record(AuditEntry.of("transport", "TransportTrip", tripId, "TRANSPORT_ROLL_CALLED")
                .change(null, Map.of("boarded", count)));
        return count;
    }

    /** What the hand-over did. */
    public record Arrival(int received, int isolated) implements Serializable {}

    /**
     * The hand-over on arrival: each passenger on board goes to the employer, or to an isolation point
     * when his code is not green now or he declares symptoms.
     */
    @Transactional
    public Arrival arrive(Scope scope, UUID tripId, int version, Set<UUID> symptoms) {
        Trip trip = locked(scope, tripId, version);
        if (!trip.status().equals("FROZEN")) {
            throw new RefusedChangeException("transport.trip.error.notFrozen");
        }
        Timestamp now = Timestamp.from(clock.instant());
        int received = 0;
        int isolated = 0;
        for (Passenger p : passengers(scope, tripId)) {
            if (!p.status().equals("BOARDED") && !p.status().equals("ON_BOARD")) {
                continue;
            }
            String reason = null;
            String colour = p.colour();
            if (p.personId() != null) {
                CodeColour current = persons.colour(p.personId());
                colour = current.name();
                if (current != CodeColour.GREEN) {
                    reason = "transport.passenger.reason.code." + current.name();
                }
            }
            if (reason == null && symptoms.contains(p.id())) {
                reason = "transport.passenger.reason.symptoms";
            }
            String status = reason == null ? "RECEIVED" : "ISOLATED";
            jdbc.sql(
                            "update transport_passenger set status = ?, colour = ?, reason = coalesce(?, reason), handed_at = ? where id = ?")
                    .params(status, colour, reason, now, p.id())
                    .update();
            if (reason == null) {
                received++;
            } else {
                isolated++;
            }
        }
        jdbc.sql("update transport_trip set status = 'ARRIVED' where id = ?")
                .param(tripId)
                .update();
        audit.record(AuditEntry.of("transport", "TransportTrip", tripId, "TRANSPORT_TRIP_ARRIVED")
                .change(null, Map.of("received", received, "isolated", isolated)));
        return new Arrival(received, isolated);
    }

    /** The trips carrying a demand's workers, by day. */
    @Transactional(readOnly = true)
    public List<Trip> carrying(UUID demandId) {
        return jdbc.sql(TRIP.formatted("true") + """
                         where exists (select 1 from transport_trip_load l where l.trip_id = t.id and l.demand_id = :demand)
                         order by t.arrive_on, t.number""")
                .param("demand", demandId)
                .query(Trip.class)
                .list();
    }

    /** Vehicles of the trip's mode, for the edit form. */
    @Transactional(readOnly = true)
    public List<Fleet.Vehicle> vehiclesFor(Trip trip) {
        return jdbc.sql("""
                        select id, kind, label, operator, rated_seats, drivers, cost_per_km, available_from, available_to,
                               origin_code, departs_on
                        from transport_vehicle where kind = ? and available_from <= ? and available_to >= ? order by label limit 500""")
                .params(trip.mode(), trip.arriveOn(), trip.arriveOn())
                .query(Fleet.Vehicle.class)
                .list();
    }

    static List<UUID> ids(List<Passenger> passengers) {
        List<UUID> ids = new ArrayList<>();
        passengers.forEach(p -> ids.add(p.id()));
        return ids;
    }
}
