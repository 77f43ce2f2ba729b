package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListChangeMove;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListSwapMove;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the routing search's moves near: a stop moves next to one of its nearest nodes (or into an empty
 * vehicle), two stops swap only when one is among the other's nearest. Timefold's open-source edition has
 * no nearby selection; this filter gets some of it by rejecting far moves before they are scored.
 */
public final class NearbyMoves implements SelectionFilter<RoutePlan, Move<RoutePlan>> {

    /** For each node, the nodes nearest to it (and the depot), as a node × node table. */
    public static boolean[][] nearest(int size, int count, RouteVehicle.Distances distances) {
        boolean[][] near = new boolean[size][size];
        Integer[] order = new Integer[size];
        for (int from = 0; from < size; from++) {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            int origin = from;
            Arrays.sort(order, (a, b) -> Long.compare(distances.between(origin, a), distances.between(origin, b)));
            for (int k = 0; k <= Math.min(count, size - 1); k++) {
                near[from][order[k]] = true;
            }
            near[from][0] = true;
        }
        return near;
    }

    /** For each node, its nearest other stops (never the depot), nearest first. */
    public static int[][] neighbours(int size, int count, RouteVehicle.Distances distances) {
        int[][] neighbours = new int[size][];
        Integer[] order = new Integer[size - 1];
        for (int from = 0; from < size; from++) {
            for (int i = 0; i < size - 1; i++) {
                order[i] = i + 1;
            }
            int origin = from;
            Arrays.sort(order, (a, b) -> Long.compare(distances.between(origin, a), distances.between(origin, b)));
            int k = Math.min(count, size - 2);
            neighbours[from] = new int[k];
            int filled = 0;
            for (int i = 0; i < order.length && filled < k; i++) {
                if (order[i] != from) {
                    neighbours[from][filled++] = order[i];
                }
            }
        }
        return neighbours;
    }

    @Override
    public boolean accept(ScoreDirector<RoutePlan> director, Move<RoutePlan> move) {
        boolean[][] near = director.getWorkingSolution().near();
        if (near == null) {
            return true;
        }
        if (move instanceof ListChangeMove<RoutePlan> change) {
            int node = ((RouteStop) change.getMovedValue()).node();
            List<RouteStop> stops = ((RouteVehicle) change.getDestinationEntity()).getStops();
            if (stops.isEmpty()) {
                return true;
            }
            int index = change.getDestinationIndex();
            int before = index == 0
                    ? 0
                    : stops.get(Math.min(index, stops.size()) - 1).node();
            int after = index >= stops.size() ? 0 : stops.get(index).node();
            return (before != 0 && near[node][before]) || (after != 0 && near[node][after]);
        }
        if (move instanceof ListSwapMove<RoutePlan> swap) {
            int left = ((RouteStop) swap.getLeftValue()).node();
            int right = ((RouteStop) swap.getRightValue()).node();
            return near[left][right] || near[right][left];
        }
        return true;
    }
}
