package org.fugong.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.api.solver.SolverFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The planner's model without the application: the seat rules, the hard rules (seats, a day in every
 * window, pickups near each other, the crew's driving), fewest trips, trains and flights, pinned
 * trips, workers no vehicle can carry, the lower bound.
 */
class TripPlannerTests {

    static final Counties COUNTIES = new Counties();
    static final LocalDate DAY = LocalDate.of(2020, 3, 2);
    static final TransportRules.Rules RULES = CityScaleBenchmark.defaults();

    static Planner.Wanted want(String origin, int workers, int fromDay, int toDay) {
        return new Planner.Wanted(UUID.randomUUID(), origin, workers, DAY.plusDays(fromDay), DAY.plusDays(toDay));
    }

    static Fleet.Vehicle bus(int seats, int drivers) {
        return new Fleet.Vehicle(
                UUID.randomUUID(),
                "BUS",
                "b",
                "op",
                seats,
                drivers,
                BigDecimal.ONE,
                DAY.minusDays(5),
                DAY.plusDays(30),
                null,
                null);
    }

    static TripPlan solve(Planner.Built built) {
        return SolverFactory.<TripPlan>create(
                        PlannerConfiguration.config(Duration.ofSeconds(1)).withRandomSeed(1L))
                .buildSolver()
                .solve(built.plan());
    }

    static List<TripSlot> used(TripPlan plan) {
        return plan.getTrips().stream().filter(TripSlot::used).toList();
    }

    @Test
    void usableSeatsAreHalfTheRatedOnesUnlessTheObservationRowsLeaveFewer() {
        assertThat(RULES.usableSeats(55)).isEqualTo(27);
        assertThat(RULES.usableSeats(45)).isEqualTo(22);
        // A 12-seat van: half would be 6, but two rows of four kept empty leave 4.
        assertThat(RULES.usableSeats(12)).isEqualTo(4);
        assertThat(RULES.usableSeats(6)).isZero();
    }

    @Test
    void nearbyOriginsShareABusOnADayInBothWindowsAndNoBusIsOverfilled() {
        // 颍上 and 阜南 are about 60 km apart; 30 + 10 workers fill two buses of 27, not three.
        List<Planner.Wanted> wanted = List.of(want("341226", 30, 0, 2), want("341225", 10, 1, 3));
        Planner.Built built = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(), List.of(bus(55, 2), bus(55, 2)), COUNTIES, Map.of());
        TripPlan best = solve(built);
        assertThat(best.getScore().hardScore(0)).isZero();
        assertThat(best.getScore().softScore(0)).as("unplanned").isZero();
        assertThat(used(best)).hasSize(2);
        for (TripSlot trip : used(best)) {
            assertThat(trip.load()).isLessThanOrEqualTo(27);
            assertThat(trip.windowMiss()).isZero();
            assertThat(trip.pickupKm()).isLessThanOrEqualTo(RULES.pickupRadiusKm());
            for (WorkerGroup g : trip.getGroups()) {
                assertThat(trip.arrivalDay()).isBetween(g.from(), g.to());
            }
        }
        assertThat(built.lowerBound()).isEqualTo(3); // per origin: 30/27 → 2, 10/27 → 1
    }

    @Test
    void windowsThatDoNotMeetNeedTwoBuses() {
        List<Planner.Wanted> wanted = List.of(want("341226", 5, 0, 1), want("341226", 5, 3, 4));
        Planner.Built built = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(), List.of(bus(55, 2)), COUNTIES, Map.of());
        TripPlan best = solve(built);
        assertThat(best.getScore().hardScore(0)).isZero();
        assertThat(used(best)).hasSize(2);
    }

    @Test
    void anOriginBeyondTheCrewsDayIsLeftUnplannedAndATrainIsSuggestedInstead() {
        // 成都 is about 1,680 km as the crow flies: 2,100 km by road, more than three drivers' day.
        List<Planner.Wanted> wanted = List.of(want("510104", 20, 0, 3), want("341226", 20, 0, 3));
        Planner.Built built = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(), List.of(bus(55, 3), bus(55, 3)), COUNTIES, Map.of());
        TripPlan best = solve(built);
        assertThat(best.getScore().hardScore(0)).isZero();
        assertThat(best.getScore().softScore(0)).as("unplanned").isEqualTo(-20);
        // With a special train from 成都 on a day of their window, they all go.
        Fleet.Vehicle train = new Fleet.Vehicle(
                UUID.randomUUID(),
                "TRAIN",
                "专列",
                "铁路",
                100,
                0,
                BigDecimal.ZERO,
                DAY.plusDays(1),
                DAY.plusDays(1),
                "510104",
                DAY.plusDays(1));
        Planner.Built withTrain = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(), List.of(bus(55, 3), train), COUNTIES, Map.of());
        TripPlan planned = solve(withTrain);
        assertThat(planned.getScore().softScore(0)).isZero();
        assertThat(used(planned)).anySatisfy(t -> {
            assertThat(t.mode()).isEqualTo(TripSlot.Mode.TRAIN);
            assertThat(t.load()).isEqualTo(20);
        });
    }

    @Test
    void aKnownRoadDistanceReplacesTheGreatCircle() {
        List<Planner.Wanted> wanted = List.of(want("341226", 20, 0, 3));
        Planner.Built estimated = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(), List.of(bus(55, 2)), COUNTIES, Map.of());
        assertThat(solve(estimated).getScore().softScore(0)).as("unplanned").isZero();
        // A road of 3,000 km (a detour, a closed expressway): more than two drivers' day, so no bus can go.
        Planner.Built known = Planner.assemble(
                DAY,
                DAY.plusDays(6),
                RULES,
                wanted,
                List.of(),
                List.of(bus(55, 2)),
                COUNTIES,
                Map.of("341226|CITY", 3000, "CITY|341226", 3000));
        assertThat(solve(known).getScore().softScore(0)).as("unplanned").isEqualTo(-20);
    }

    @Test
    void aPinnedTripKeepsItsWorkersEvenWhenMovingThemWouldSaveABus() {
        Planner.Wanted pinnedLoad = want("341226", 5, 0, 3);
        Planner.KeptTrip kept =
                new Planner.KeptTrip(UUID.randomUUID(), "BUS", 27, 2, null, DAY.plusDays(1), List.of(pinnedLoad));
        List<Planner.Wanted> wanted = List.of(want("341226", 5, 0, 3));
        Planner.Built built = Planner.assemble(
                DAY, DAY.plusDays(6), RULES, wanted, List.of(kept), List.of(bus(55, 2)), COUNTIES, Map.of());
        TripPlan best = solve(built);
        TripSlot pinned =
                best.getTrips().stream().filter(TripSlot::isPinned).findFirst().orElseThrow();
        assertThat(pinned.getId()).isEqualTo("t:" + kept.id());
        assertThat(pinned.getGroups()).extracting(WorkerGroup::demandId).containsExactly(pinnedLoad.demandId());
        assertThat(pinned.load()).isEqualTo(5);
        assertThat(used(best)).hasSize(2);
    }

    @Test
    void theLowerBoundCountsATrainsSeatsForOriginsNearItsStation() {
        List<TripProblem.Need> needs = List.of(
                new TripProblem.Need(UUID.randomUUID(), 1, 100, 0, 0),
                new TripProblem.Need(UUID.randomUUID(), 2, 28, 0, 0));
        assertThat(TripProblem.lowerBound(needs, 27, Map.of())).isEqualTo(4 + 2);
        assertThat(TripProblem.lowerBound(needs, 27, Map.of(1, 120))).isEqualTo(1 + 2);
        assertThat(TripProblem.busLowerBound(needs, 27, Map.of(1, 120))).isEqualTo(2);
    }
}
