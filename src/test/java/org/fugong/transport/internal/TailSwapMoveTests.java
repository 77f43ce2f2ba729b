package org.fugong.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route-end exchange: what the two routes become, and which exchanges are not worth scoring. */
class TailSwapMoveTests {

    @SuppressWarnings("unchecked")
    private final ScoreDirector<RoutePlan> director = mock(ScoreDirector.class);

    private static RouteVehicle vehicle(int id, int capacity, int... nodes) {
        RouteVehicle vehicle = new RouteVehicle(id, capacity, (a, b) -> Math.abs(a - b));
        List<RouteStop> stops = new ArrayList<>();
        for (int node : nodes) {
            stops.add(new RouteStop(node, 1));
        }
        vehicle.setStops(stops);
        return vehicle;
    }

    private static List<Integer> nodes(RouteVehicle vehicle) {
        return vehicle.getStops().stream().map(RouteStop::node).toList();
    }

    @Test
    void theRoutesExchangeTheirEnds() {
        RouteVehicle a = vehicle(0, 10, 1, 2, 3);
        RouteVehicle b = vehicle(1, 10, 4, 5);
        TailSwapMove move = new TailSwapMove(a, 1, b, 1, false);
        assertThat(move.isMoveDoable(director)).isTrue();
        move.doMoveOnGenuineVariables(director);
        assertThat(nodes(a)).containsExactly(1, 5);
        assertThat(nodes(b)).containsExactly(4, 2, 3);
    }

    @Test
    void reversedTheFirstTakesTheSecondsStartBackwards() {
        RouteVehicle a = vehicle(0, 10, 1, 2, 3);
        RouteVehicle b = vehicle(1, 10, 4, 5, 6);
        TailSwapMove move = new TailSwapMove(a, 1, b, 2, true);
        assertThat(move.isMoveDoable(director)).isTrue();
        move.doMoveOnGenuineVariables(director);
        assertThat(nodes(a)).containsExactly(1, 5, 4);
        assertThat(nodes(b)).containsExactly(3, 2, 6);
    }

    @Test
    void anExchangeThatOverloadsAVehicleOrChangesNothingIsNotScored() {
        RouteVehicle a = vehicle(0, 3, 1, 2, 3);
        RouteVehicle b = vehicle(1, 3, 4, 5);
        // a would carry all five stops.
        assertThat(new TailSwapMove(a, 3, b, 0, false).isMoveDoable(director)).isFalse();
        // b's two stops after a's first: three, within capacity.
        assertThat(new TailSwapMove(a, 1, b, 0, false).isMoveDoable(director)).isTrue();
        // Both ends empty, or both starts empty (the routes would only trade places).
        assertThat(new TailSwapMove(a, 3, b, 2, false).isMoveDoable(director)).isFalse();
        assertThat(new TailSwapMove(a, 0, b, 0, false).isMoveDoable(director)).isFalse();
        assertThat(new TailSwapMove(a, 1, a, 2, false).isMoveDoable(director)).isFalse();
        assertThat(new TailSwapMove(null, 1, b, 0, false).isMoveDoable(director))
                .isFalse();
    }
}
