package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random route-end exchanges ({@link TailSwapMove}) that join a stop to one of its nearest nodes in another
 * route: a stop is drawn, then one of its neighbours, then which of the two comes first and whether the
 * other route's part is taken backwards.
 */
public final class TailSwapMoves implements MoveIteratorFactory<RoutePlan, TailSwapMove> {

    @Override
    public long getSize(ScoreDirector<RoutePlan> director) {
        RoutePlan plan = director.getWorkingSolution();
        int[][] neighbours = plan.neighbours();
        return neighbours == null ? 0 : (long) plan.getStops().size() * neighbours[0].length * 3;
    }

    @Override
    public Iterator<TailSwapMove> createOriginalMoveIterator(ScoreDirector<RoutePlan> director) {
        throw new UnsupportedOperationException("Route-end exchanges are drawn at random only.");
    }

    @Override
    public Iterator<TailSwapMove> createRandomMoveIterator(ScoreDirector<RoutePlan> director, Random random) {
        RoutePlan plan = director.getWorkingSolution();
        List<RouteVehicle> vehicles = plan.getVehicles();
        List<RouteStop> stops = plan.getStops();
        int[][] neighbours = plan.neighbours();
        int nodes = neighbours.length;
        return new Iterator<>() {
            private final RouteVehicle[] routeOf = new RouteVehicle[nodes];
            private final int[] indexOf = new int[nodes];

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public TailSwapMove next() {
                for (RouteVehicle vehicle : vehicles) {
                    List<RouteStop> route = vehicle.getStops();
                    for (int i = 0; i < route.size(); i++) {
                        int node = route.get(i).node();
                        routeOf[node] = vehicle;
                        indexOf[node] = i;
                    }
                }
                int x = stops.get(random.nextInt(stops.size())).node();
                int[] near = neighbours[x];
                int y = near[random.nextInt(near.length)];
                RouteVehicle a = routeOf[x];
                RouteVehicle b = routeOf[y];
                int i = indexOf[x];
                int j = indexOf[y];
                switch (random.nextInt(3)) {
                    case 0:
                        return new TailSwapMove(a, i + 1, b, j, false); // x then y
                    case 1:
                        return new TailSwapMove(b, j + 1, a, i, false); // y then x
                    default:
                        return new TailSwapMove(a, i + 1, b, j + 1, true); // x then y, y's route start backwards
                }
            }
        };
    }
}
