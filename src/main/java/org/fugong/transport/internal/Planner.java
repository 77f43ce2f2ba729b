package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.bendablelong.BendableLongScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.RunningWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans a period: the demand still to carry, the fleet and the pinned trips become a problem that
 * Timefold solves in the background (one plan at a time; its best score visible as it improves; it
 * can be stopped); the best plan found replaces the period's unpinned trips, with vehicles given to
 * the bus trips in order of departure.
 */
@Service
public class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    static final int MAX_PERIOD_DAYS = 31;
    /** A bus's round trip, about three days (out, back, rest), bounds how many trips it makes in a period. */
    static final int BUS_CYCLE_DAYS = 3;

    /** A plan as pages show it. */
    public record Plan(
            UUID id,
            LocalDate periodFrom,
            LocalDate periodTo,
            String status,
            int rulesVersion,
            @Nullable String score,
            @Nullable String explanation,
            int workers,
            int unplanned,
            int trips,
            int lowerBound,
            @Nullable BigDecimal seconds,
            String createdBy,
            Instant createdAt,
            @Nullable Instant finishedAt,
            boolean interrupted) {

        /** The score per constraint: name, score, matches. */
        public List<String[]> constraints() {
            List<String[]> rows = new ArrayList<>();
            if (explanation != null) {
                for (String line : explanation.split("\n")) {
                    if (!line.isBlank()) {
                        rows.add(line.split("\t"));
                    }
                }
            }
            return rows;
        }
    }

    /** A point of the search: seconds since start, the best score's trips, unplanned workers, kilometres, hard. */
    public record Step(double seconds, long hard, long unplanned, long trips, long km) {}

    /** What a running plan has found so far. */
    public record Progress(List<Step> steps) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SolverManager<TripPlan, UUID> solverManager;
    private final SolverFactory<TripPlan> solverFactory;
    private final SolutionManager<TripPlan, BendableLongScore> solutionManager;
    private final TransportRules rules;
    private final Fleet fleet;
    private final RoadDistances roads;
    private final Counties counties;
    private final Bureau bureau;
    private final AuditTrail audit;
    private final Clock clock;
    private final RunningWork work;
    private final Map<UUID, Progress> running = new ConcurrentHashMap<>();
    private final Map<UUID, RunningWork.Held> holders = new ConcurrentHashMap<>();

    Planner(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            SolverManager<TripPlan, UUID> solverManager,
            SolverFactory<TripPlan> solverFactory,
            SolutionManager<TripPlan, BendableLongScore> solutionManager,
            TransportRules rules,
            Fleet fleet,
            RoadDistances roads,
            Counties counties,
            Bureau bureau,
            AuditTrail audit,
            RunningWork work,
            Clock clock) {
        this.work = work;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.solverManager = solverManager;
        this.solverFactory = solverFactory;
        this.solutionManager = solutionManager;
        this.rules = rules;
        this.fleet = fleet;
        this.roads = roads;
        this.counties = counties;
        this.bureau = bureau;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Plans left solving by an instance that is gone (stopped, killed, its machine lost) end as failed
     * and interrupted, so that they neither show "solving" for ever nor keep the period from being
     * planned again: the instance solving a plan holds its lock ({@link RunningWork}) until the plan is
     * saved, and a plan marked solving whose lock nobody holds has nobody solving it. Looked at when the
     * application starts, every minute, and before a plan is started. Returns how many ended so.
     */
    public int failAbandoned() {
        int ended = 0;
        for (UUID id : jdbc.sql("select id from transport_plan where status = 'SOLVING'")
                .query(UUID.class)
                .list()) {
            if (running.containsKey(id) || !work.abandoned(PLAN_LOCKS, id)) {
                continue;
            }
            Integer marked = transactions.execute(tx -> {
                int updated = jdbc.sql("""
                                update transport_plan set status = 'FAILED', interrupted = true, finished_at = ?
                                where id = ? and status = 'SOLVING'""")
                        .params(Timestamp.from(clock.instant()), id)
                        .update();
                if (updated > 0) {
                    audit.record(AuditEntry.of("transport", "TransportPlan", id, "TRANSPORT_PLAN_INTERRUPTED"));
                }
                return updated;
            });
            if (marked != null && marked > 0) {
                log.warn("Plan {} was left solving by an instance that is gone: marked failed (interrupted)", id);
                ended++;
            }
        }
        return ended;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Scheduled(fixedDelayString = "${fugong.transport.abandoned-check:60s}", initialDelayString = "60s")
    void lookForAbandoned() {
        failAbandoned();
    }

    /** The first key of the locks held by instances solving plans. */
    private static final int PLAN_LOCKS = 0x46475450;

    /** Starts planning a period in the background; the plan's page shows it solving. */
    public UUID start(Actor actor, Scope scope, @Nullable LocalDate from, @Nullable LocalDate to) {
        bureau.checkPlanner(scope);
        Map<String, String> problems = new LinkedHashMap<>();
        if (from == null) {
            problems.put("periodFrom", "transport.error.required");
        }
        if (to == null) {
            problems.put("periodTo", "transport.error.required");
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                problems.put("periodTo", "transport.error.windowOrder");
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
                problems.put("periodTo", "transport.error.windowLength");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        failAbandoned();
        UUID id = UUID.randomUUID();
        TransportRules.Rules ruling = rules.on(from);
        // Held from before the plan's row exists until it is saved: nobody may take it for abandoned.
        RunningWork.Held held = work.hold(PLAN_LOCKS, id);
        Boolean started;
        try {
            started = startRow(actor, id, from, to, ruling);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        if (!Boolean.TRUE.equals(started)) {
            held.close();
            throw new RefusedChangeException("transport.plan.error.running");
        }
        holders.put(id, held);
        running.put(id, new Progress(new CopyOnWriteArrayList<>()));
        long startNanos = System.nanoTime();
        Built[] built = new Built[1];
        solverManager
                .solveBuilder()
                .withProblemId(id)
                .withProblemFinder(planId -> {
                    built[0] = build(from, to, ruling);
                    return built[0].plan();
                })
                .withBestSolutionEventConsumer(event -> record(id, event.solution(), startNanos))
                .withFinalBestSolutionEventConsumer(event -> finish(id, built[0], event.solution(), startNanos))
                .withExceptionHandler((planId, error) -> fail(planId, error))
                .run();
        return id;
    }

    /**
     * Plans a period on the calling thread, in its transaction, for a time budget (the demo city, which
     * loads in one transaction the background solver could not see); the plan's id.
     */
    public UUID planNow(Actor actor, LocalDate from, LocalDate to, Duration budget) {
        UUID id = UUID.randomUUID();
        TransportRules.Rules ruling = rules.on(from);
        insert(actor, id, from, to, ruling);
        long startNanos = System.nanoTime();
        Built built = build(from, to, ruling);
        TripPlan best = solverFactory
                .buildSolver(new SolverConfigOverride<TripPlan>()
                        .withTerminationConfig(new TerminationConfig().withSpentLimit(budget)))
                .solve(built.plan());
        save(id, built, best, explain(best), (System.nanoTime() - startNanos) / 1e9);
        return id;
    }

    /** The plan's row, unless a plan of an overlapping period is solving; whether it was written. */
    private @Nullable Boolean startRow(
            Actor actor, UUID id, LocalDate from, LocalDate to, TransportRules.Rules ruling) {
        return transactions.execute(tx -> {
            // One plan solves at a time over a period; the lock makes two officials' clicks one plan.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('transport_plan'))")
                    .query(Object.class)
                    .list();
            int solving = jdbc.sql("""
                            select count(*) from transport_plan
                            where status = 'SOLVING' and period_from <= ? and period_to >= ?""").params(to, from).query(Integer.class).single();
            if (solving > 0) {
                return false;
            }
            insert(actor, id, from, to, ruling);
            return true;
        });
    }

    /** A plan's row, solving, and its audit entry. */
    private void insert(Actor actor, UUID id, LocalDate from, LocalDate to, TransportRules.Rules ruling) {
        jdbc.sql("""
                        insert into transport_plan (id, period_from, period_to, status, rules_version, unit, created_by, created_at)
                        values (?, ?, ?, 'SOLVING', ?, ?, ?, ?)""")
                .params(
                        id,
                        from,
                        to,
                        ruling.version(),
                        bureau.unit(),
                        actor.getUsername(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEntry.of("transport", "TransportPlan", id, "TRANSPORT_PLAN_STARTED")
                .change(null, Map.of("periodFrom", from.toString(), "periodTo", to.toString())));
    }

    /** Stops a running plan: the best found so far is kept. */
    public void stop(Scope scope, UUID planId) {
        bureau.checkPlanner(scope);
        Plan plan = plan(scope, planId);
        if (!plan.status().equals("SOLVING")) {
            throw new RefusedChangeException("transport.plan.error.notRunning");
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("update transport_plan set status = 'STOPPED' where id = ? and status = 'SOLVING'")
                    .param(planId)
                    .update();
            audit.record(AuditEntry.of("transport", "TransportPlan", planId, "TRANSPORT_PLAN_STOPPED"));
        });
        solverManager.terminateEarly(planId);
    }

    /** Waits until a plan of this instance is saved, at most {@code wait}. */
    public void await(UUID planId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (running.containsKey(planId) && System.nanoTime() < deadline) {
                synchronized (running) {
                    running.wait(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public @Nullable Progress progress(UUID planId) {
        return running.get(planId);
    }

    private void record(UUID planId, TripPlan solution, long startNanos) {
        Progress progress = running.get(planId);
        BendableLongScore score = solution.getScore();
        if (progress == null || score == null) {
            return;
        }
        progress.steps()
                .add(new Step(
                        (System.nanoTime() - startNanos) / 1e9,
                        -score.hardScore(0),
                        -score.softScore(0),
                        -score.softScore(1),
                        -score.softScore(2)));
    }

    private void fail(UUID planId, Throwable error) {
        log.error("Planning {} failed", planId, error);
        running.remove(planId);
        synchronized (running) {
            running.notifyAll();
        }
        jdbc.sql("update transport_plan set status = 'FAILED', finished_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), planId)
                .update();
        release(planId);
    }

    /** The problem and what it was built from. */
    record Built(
            TripPlan plan,
            LocalDate from,
            LocalDate to,
            List<String> points,
            Map<String, Fleet.Vehicle> departures,
            List<Fleet.Vehicle> buses,
            TransportRules.Rules rules,
            int workers,
            int lowerBound,
            int busLowerBound) {}

    /** Workers of a demand to carry: from an origin county, wanting to arrive between two days. */
    public record Wanted(UUID demandId, String origin, int workers, LocalDate windowFrom, LocalDate windowTo) {}

    /** A trip kept as it is (pinned, frozen or arrived): its loads arrive on its day. */
    public record KeptTrip(
            UUID id,
            String mode,
            int seats,
            int drivers,
            @Nullable String vehicleOrigin,
            LocalDate arriveOn,
            List<Wanted> loads) {}

    /** The demand still to carry in the period, the fleet, the pinned trips. */
    Built build(LocalDate from, LocalDate to, TransportRules.Rules ruling) {
        // Demand still to carry: what no kept trip carries (kept: pinned, frozen or arrived, or outside the period).
        List<Wanted> wanted = jdbc.sql("""
                        select d.id as demand_id, d.origin_code as origin, d.workers - coalesce((
                                   select sum(l.workers) from transport_trip_load l join transport_trip t on t.id = l.trip_id
                                   where l.demand_id = d.id
                                     and (t.pinned or t.status <> 'PLANNED' or t.arrive_on not between :from and :to)), 0) as workers,
                               d.window_from, d.window_to
                        from transport_demand d
                        where d.window_from <= :to and d.window_to >= :from
                        order by d.origin_code, d.window_from, d.id""")
                .param("from", from)
                .param("to", to)
                .query(Wanted.class)
                .list();
        record KeptLoad(
                UUID tripId,
                String mode,
                int seats,
                int drivers,
                @Nullable String vehicleOrigin,
                LocalDate arriveOn,
                UUID demandId,
                String origin,
                int workers,
                LocalDate windowFrom,
                LocalDate windowTo) {}
        Map<UUID, List<KeptLoad>> loads = new LinkedHashMap<>();
        jdbc.sql("""
                        select t.id as trip_id, t.mode, t.seats, coalesce(v.drivers, 2) as drivers, v.origin_code as vehicle_origin,
                               t.arrive_on, l.demand_id, d.origin_code as origin, l.workers, d.window_from, d.window_to
                        from transport_trip t join transport_trip_load l on l.trip_id = t.id
                             join transport_demand d on d.id = l.demand_id
                             left join transport_vehicle v on v.id = t.vehicle_id
                        where t.arrive_on between :from and :to and (t.pinned or t.status <> 'PLANNED')
                        order by t.number, l.seq""")
                .param("from", from)
                .param("to", to)
                .query(KeptLoad.class)
                .list()
                .forEach(k -> loads.computeIfAbsent(k.tripId(), x -> new ArrayList<>())
                        .add(k));
        List<KeptTrip> kept = new ArrayList<>();
        loads.forEach((trip, list) -> {
            KeptLoad first = list.get(0);
            kept.add(new KeptTrip(
                    trip,
                    first.mode(),
                    first.seats(),
                    first.drivers(),
                    first.vehicleOrigin(),
                    first.arriveOn(),
                    list.stream()
                            .map(k -> new Wanted(k.demandId(), k.origin(), k.workers(), k.windowFrom(), k.windowTo()))
                            .toList()));
        });
        List<UUID> taken = jdbc.sql(
                        "select vehicle_id from transport_trip where vehicle_id is not null and (pinned or status <> 'PLANNED')")
                .query(UUID.class)
                .list();
        List<Fleet.Vehicle> available = fleet.availableIn(from, to).stream()
                .filter(v -> v.kind().equals("BUS") || !taken.contains(v.id()))
                .toList();
        Set<String> places = new HashSet<>();
        places.add(RoadDistances.CITY);
        wanted.forEach(w -> places.add(w.origin()));
        kept.forEach(k -> {
            k.loads().forEach(l -> places.add(l.origin()));
            if (k.vehicleOrigin() != null) {
                places.add(k.vehicleOrigin());
            }
        });
        available.stream()
                .map(Fleet.Vehicle::originCode)
                .filter(Objects::nonNull)
                .forEach(places::add);
        return assemble(from, to, ruling, wanted, kept, available, counties, roads.between(places));
    }

    /**
     * The problem from what it is made of: the points (the city, then the origin counties), the bus
     * classes (usable seats by the rules, crew; trips a bus can make in the period), the trains and
     * flights of the period, the kept trips pinned.
     */
    static Built assemble(
            LocalDate from,
            LocalDate to,
            TransportRules.Rules ruling,
            List<Wanted> wanted,
            List<KeptTrip> kept,
            List<Fleet.Vehicle> available,
            Counties counties,
            Map<String, Integer> road) {
        List<String> points = new ArrayList<>();
        points.add(RoadDistances.CITY);
        Map<String, Integer> index = new HashMap<>();
        ToIntFunction<String> point = code -> index.computeIfAbsent(code, c -> {
            points.add(c);
            return points.size() - 1;
        });
        int epochFrom = (int) from.toEpochDay();
        int epochTo = (int) to.toEpochDay();
        List<TripProblem.Need> needs = new ArrayList<>();
        int workers = 0;
        for (Wanted w : wanted) {
            if (w.workers() <= 0) {
                continue;
            }
            needs.add(new TripProblem.Need(
                    w.demandId(),
                    point.applyAsInt(w.origin()),
                    w.workers(),
                    (int) Math.max(epochFrom, w.windowFrom().toEpochDay()),
                    (int) Math.min(epochTo, w.windowTo().toEpochDay())));
            workers += w.workers();
        }
        List<TripProblem.Pinned> pinned = new ArrayList<>();
        for (KeptTrip trip : kept) {
            int day = (int) trip.arriveOn().toEpochDay();
            List<TripProblem.Need> loads = trip.loads().stream()
                    .map(l -> new TripProblem.Need(l.demandId(), point.applyAsInt(l.origin()), l.workers(), day, day))
                    .toList();
            pinned.add(new TripProblem.Pinned(
                    "t:" + trip.id(),
                    TripSlot.Mode.valueOf(trip.mode()),
                    trip.seats(),
                    trip.drivers(),
                    trip.vehicleOrigin() == null ? -1 : point.applyAsInt(trip.vehicleOrigin()),
                    day,
                    loads));
        }
        Map<String, int[]> classes = new LinkedHashMap<>();
        int tripsPerBus = Math.max(1, (int) (ChronoUnit.DAYS.between(from, to) + 1) / BUS_CYCLE_DAYS);
        List<Fleet.Vehicle> buses = new ArrayList<>();
        Map<String, Fleet.Vehicle> departures = new LinkedHashMap<>();
        List<TripProblem.Departure> fixed = new ArrayList<>();
        for (Fleet.Vehicle v : available) {
            if (v.kind().equals("BUS")) {
                int usable = ruling.usableSeats(v.ratedSeats());
                if (usable > 0) {
                    buses.add(v);
                    classes.computeIfAbsent(usable + "/" + v.drivers(), k -> new int[] {usable, v.drivers(), 0})[2] +=
                            tripsPerBus;
                }
            } else if (v.departsOn() != null
                    && v.originCode() != null
                    && !v.departsOn().isBefore(from)
                    && !v.departsOn().isAfter(to)) {
                String slotId = "v:" + v.id();
                departures.put(slotId, v);
                fixed.add(new TripProblem.Departure(
                        slotId, TripSlot.Mode.valueOf(v.kind()), v.ratedSeats(), point.applyAsInt(v.originCode()), (int)
                                v.departsOn().toEpochDay()));
            }
        }
        List<TripProblem.BusClass> busClasses = classes.values().stream()
                .map(c -> new TripProblem.BusClass(c[0], c[1], c[2]))
                .toList();
        double[] lon = new double[points.size()];
        double[] lat = new double[points.size()];
        lon[0] = Counties.CITY_LON;
        lat[0] = Counties.CITY_LAT;
        for (int p = 1; p < points.size(); p++) {
            Counties.County county = counties.get(points.get(p));
            lon[p] = county.lon();
            lat[p] = county.lat();
        }
        int[][] matrix = null;
        if (!road.isEmpty()) {
            matrix = new int[points.size()][points.size()];
            for (int a = 0; a < points.size(); a++) {
                for (int b = 0; b < points.size(); b++) {
                    matrix[a][b] = road.getOrDefault(points.get(a) + "|" + points.get(b), 0);
                }
            }
        }
        TripGeometry geometry = new TripGeometry(lon, lat, ruling.roadFactor().doubleValue(), matrix);
        TripPlan plan = TripProblem.build(needs, busClasses, fixed, pinned, geometry, ruling.limits());
        int chunk = busClasses.stream()
                .mapToInt(TripProblem.BusClass::usableSeats)
                .max()
                .orElse(1);
        // An origin near a train's or flight's station may ride it: its bound counts that departure's seats.
        Map<Integer, Integer> departureSeats = new HashMap<>();
        for (TripProblem.Departure d : fixed) {
            for (int p = 1; p < points.size(); p++) {
                if (geometry.km(d.origin(), p) <= ruling.pickupRadiusKm()) {
                    departureSeats.merge(p, d.seats(), Math::max);
                }
            }
        }
        return new Built(
                plan,
                from,
                to,
                points,
                departures,
                buses,
                ruling,
                workers,
                TripProblem.lowerBound(needs, chunk, departureSeats),
                TripProblem.busLowerBound(needs, chunk, departureSeats));
    }

    private void finish(UUID planId, @Nullable Built built, TripPlan solution, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            if (built == null) {
                throw new IllegalStateException("The problem was not built");
            }
            String explanation = explain(solution);
            transactions.executeWithoutResult(tx -> save(planId, built, solution, explanation, seconds));
        } catch (RuntimeException e) {
            fail(planId, e);
        } finally {
            running.remove(planId);
            release(planId);
            synchronized (running) {
                running.notifyAll();
            }
        }
    }

    /** Lets a plan's lock go once its row says how it ended. */
    private void release(UUID planId) {
        RunningWork.Held held = holders.remove(planId);
        if (held != null) {
            held.close();
        }
    }

    /** The score per constraint, one line each: name, score, matches. */
    private String explain(TripPlan solution) {
        ScoreAnalysis<BendableLongScore> analysis =
                solutionManager.analyze(solution, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
        StringBuilder explanation = new StringBuilder();
        for (ConstraintAnalysis<BendableLongScore> constraint :
                analysis.constraintMap().values()) {
            explanation
                    .append(constraint.constraintRef().constraintName())
                    .append('\t')
                    .append(constraint.score())
                    .append('\t')
                    .append(constraint.matchCount())
                    .append('\n');
        }
        return explanation.toString();
    }

    private void save(UUID planId, Built built, TripPlan solution, String explanation, double seconds) {
        // The period's unpinned proposals give way to this plan; kept trips join it.
        jdbc.sql("""
                        delete from transport_trip
                        where arrive_on between ? and ? and not pinned and status = 'PLANNED' and plan_id <> ?""").params(built.from(), built.to(), planId).update();
        jdbc.sql("""
                        update transport_trip set plan_id = ?
                        where arrive_on between ? and ? and (pinned or status <> 'PLANNED')""").params(planId, built.from(), built.to()).update();
        int number = jdbc.sql("select coalesce(max(number), 0) from transport_trip where plan_id = ?")
                .param(planId)
                .query(Integer.class)
                .single();
        List<TripSlot> used = solution.getTrips().stream()
                .filter(t -> t.used() && !t.isPinned())
                .sorted(Comparator.comparingInt(TripSlot::arrivalDay).thenComparing(TripSlot::getId))
                .toList();
        VehicleAssignment vehicles = new VehicleAssignment(built.buses(), built.rules());
        int trips = 0;
        for (TripSlot slot : used) {
            UUID tripId = UUID.randomUUID();
            LocalDate arrive = LocalDate.ofEpochDay(slot.arrivalDay());
            UUID vehicle = slot.mode() == TripSlot.Mode.BUS
                    ? vehicles.assign(slot, arrive)
                    : built.departures().get(slot.getId()).id();
            double hours = slot.mode() == TripSlot.Mode.BUS ? slot.loadedHours() : 0;
            jdbc.sql("""
                            insert into transport_trip (id, plan_id, number, mode, vehicle_id, seats, arrive_on, distance_km,
                                                        driving_hours, pinned, status, unit)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 'PLANNED', ?)""")
                    .params(
                            tripId,
                            planId,
                            ++number,
                            slot.mode().name(),
                            vehicle,
                            slot.capacity(),
                            arrive,
                            slot.distanceKm(),
                            BigDecimal.valueOf(hours).setScale(1, RoundingMode.HALF_UP),
                            bureau.unit())
                    .update();
            Map<UUID, Integer> loads = new LinkedHashMap<>();
            for (WorkerGroup group : slot.getGroups()) {
                loads.merge(group.demandId(), group.workers(), Integer::sum);
            }
            int seq = 0;
            for (var load : loads.entrySet()) {
                jdbc.sql("insert into transport_trip_load (trip_id, seq, demand_id, workers) values (?, ?, ?, ?)")
                        .params(tripId, ++seq, load.getKey(), load.getValue())
                        .update();
            }
            trips++;
        }
        BendableLongScore score = solution.getScore();
        int unplanned = score == null ? 0 : (int) -score.softScore(0);
        int total = jdbc.sql("select count(*) from transport_trip where plan_id = ?")
                .param(planId)
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        update transport_plan set status = case when status = 'STOPPED' then 'STOPPED' else 'SOLVED' end,
                               score = ?, explanation = ?, workers = ?, unplanned = ?, trips = ?, lower_bound = ?, seconds = ?,
                               finished_at = ?
                        where id = ?""")
                .params(
                        String.valueOf(score),
                        explanation,
                        built.workers(),
                        unplanned,
                        total,
                        built.lowerBound(),
                        BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP),
                        Timestamp.from(clock.instant()),
                        planId)
                .update();
        audit.record(AuditEntry.of("transport", "TransportPlan", planId, "TRANSPORT_PLAN_SOLVED")
                .change(
                        null,
                        Map.of(
                                "trips",
                                total,
                                "newTrips",
                                trips,
                                "unplanned",
                                unplanned,
                                "score",
                                String.valueOf(score))));
    }

    /** An origin far enough for a train or a flight: its road distance and the workers who wait there. */
    public record Suggestion(String originCode, String origin, int roadKm, int workers, int unplanned) {}

    /** Origins of the period beyond the rules' distance for a train or a flight, the farthest first. */
    public List<Suggestion> suggestions(Plan plan) {
        TransportRules.Rules ruling = rules.version(plan.rulesVersion());
        List<Suggestion> found = new ArrayList<>();
        Map<Counties.County, int[]> origins = new LinkedHashMap<>();
        jdbc.sql("""
                        select d.origin_code, sum(d.workers) as workers,
                               sum(d.workers) - coalesce(sum((select sum(l.workers) from transport_trip_load l where l.demand_id = d.id)), 0) as unplanned
                        from transport_demand d where d.window_from <= ? and d.window_to >= ? group by d.origin_code""").params(plan.periodTo(), plan.periodFrom()).query(rs -> {
            Counties.County c = counties.find(rs.getString("origin_code")).orElse(null);
            if (c != null) {
                origins.put(c, new int[] {rs.getInt("workers"), rs.getInt("unplanned")});
            }
        });
        Map<String, Integer> road = roads.between(origins.keySet().stream()
                .map(Counties.County::code)
                .collect(Collectors.toCollection(() -> new HashSet<>(Set.of(RoadDistances.CITY)))));
        origins.forEach((c, counts) -> {
            Integer known = road.get(RoadDistances.CITY + "|" + c.code());
            int km = known != null
                    ? known
                    : (int) Math.round(
                            TripGeometry.greatCircleKm(Counties.CITY_LON, Counties.CITY_LAT, c.lon(), c.lat())
                                    * ruling.roadFactor().doubleValue());
            if (km > ruling.railThresholdKm()) {
                found.add(new Suggestion(c.code(), c.fullName(), km, counts[0], counts[1]));
            }
        });
        found.sort(Comparator.comparingInt(Suggestion::roadKm).reversed());
        return found;
    }

    /**
     * Per origin county of a plan: the workers its trips pick up there, the trips that stop there, and
     * the fewest trips those workers need (over the most seats one of the plan's trips there may use).
     */
    public record OriginFigures(String originCode, String origin, int workers, int trips, int lowerBound) {}

    public List<OriginFigures> byOrigin(Plan plan) {
        List<OriginFigures> rows = new ArrayList<>();
        // A trip's seats are what it may carry (a bus's usable seats, a train's or flight's own).
        jdbc.sql("""
                        select d.origin_code, sum(l.workers) as workers, count(distinct t.id) as trips, max(t.seats) as seats
                        from transport_trip t join transport_trip_load l on l.trip_id = t.id
                             join transport_demand d on d.id = l.demand_id
                        where t.plan_id = ? group by d.origin_code order by workers desc limit 60""").param(plan.id()).query(rs -> {
            int perVehicle = Math.max(1, rs.getInt("seats"));
            int workers = rs.getInt("workers");
            String code = rs.getString("origin_code");
            rows.add(new OriginFigures(
                    code,
                    counties.find(code).map(Counties.County::fullName).orElse(code),
                    workers,
                    rs.getInt("trips"),
                    (workers + perVehicle - 1) / perVehicle));
        });
        return rows;
    }

    /** Plans, newest first. */
    public List<Plan> plans(Scope scope) {
        bureau.checkPlanner(scope);
        var condition = scope.where(null, null, "p.unit");
        return jdbc.sql("select p.* from transport_plan p where " + condition.sql()
                        + " order by p.created_at desc limit 50")
                .params(condition.parameters())
                .query(Plan.class)
                .list();
    }

    /** One plan, for the city and the bureau only. */
    public Plan plan(Scope scope, UUID id) {
        bureau.checkPlanner(scope);
        return jdbc.sql("select * from transport_plan where id = ?")
                .param(id)
                .query(Plan.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("plan", id));
    }
}
