package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractSimplifiedMove;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Two routes exchange their ends (2-opt between routes): the first keeps its stops before one cut and
 * takes the second's stops from another cut on, and the second the other way round; with reversal, the
 * first keeps its start and takes the second's start backwards, the second its end behind the first's end
 * backwards. One such move joins two stops of different routes that the single-stop moves would need
 * several steps to bring together, through plans that are worse on the way.
 */
final class TailSwapMove extends AbstractSimplifiedMove<RoutePlan> {

    private static final String STOPS = "stops";

    private final @Nullable RouteVehicle first;
    private final int firstCut;
    private final @Nullable RouteVehicle second;
    private final int secondCut;
    private final boolean reversed;

    TailSwapMove(
            @Nullable RouteVehicle first,
            int firstCut,
            @Nullable RouteVehicle second,
            int secondCut,
            boolean reversed) {
        this.first = first;
        this.firstCut = firstCut;
        this.second = second;
        this.secondCut = secondCut;
        this.reversed = reversed;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<RoutePlan> director) {
        if (first == null || second == null || first == second) {
            return false;
        }
        int firstSize = first.getStops().size();
        int secondSize = second.getStops().size();
        boolean changes = reversed
                ? firstCut > 0 || secondCut > 0
                : (firstCut < firstSize || secondCut < secondSize) && (firstCut > 0 || secondCut > 0);
        if (!changes) {
            return false;
        }
        // A move that overloads a vehicle is never accepted from a plan within capacity: not scored at all.
        long firstHead = load(first.getStops(), 0, firstCut);
        long secondHead = load(second.getStops(), 0, secondCut);
        long firstTail = first.load() - firstHead;
        long secondTail = second.load() - secondHead;
        return reversed
                ? firstHead + secondHead <= first.capacity() && firstTail + secondTail <= second.capacity()
                : firstHead + secondTail <= first.capacity() && secondHead + firstTail <= second.capacity();
    }

    private static long load(List<RouteStop> stops, int from, int to) {
        long load = 0;
        for (int i = from; i < to; i++) {
            load += stops.get(i).demand();
        }
        return load;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<RoutePlan> director) {
        List<RouteStop> a = first.getStops();
        List<RouteStop> b = second.getStops();
        List<RouteStop> newFirst = new ArrayList<>(a.size() + b.size());
        List<RouteStop> newSecond = new ArrayList<>(a.size() + b.size());
        if (reversed) {
            newFirst.addAll(a.subList(0, firstCut));
            List<RouteStop> head = new ArrayList<>(b.subList(0, secondCut));
            Collections.reverse(head);
            newFirst.addAll(head);
            List<RouteStop> tail = new ArrayList<>(a.subList(firstCut, a.size()));
            Collections.reverse(tail);
            newSecond.addAll(tail);
            newSecond.addAll(b.subList(secondCut, b.size()));
        } else {
            newFirst.addAll(a.subList(0, firstCut));
            newFirst.addAll(b.subList(secondCut, b.size()));
            newSecond.addAll(b.subList(0, secondCut));
            newSecond.addAll(a.subList(firstCut, a.size()));
        }
        director.beforeListVariableChanged(first, STOPS, 0, a.size());
        director.beforeListVariableChanged(second, STOPS, 0, b.size());
        a.clear();
        b.clear();
        a.addAll(newFirst);
        b.addAll(newSecond);
        director.afterListVariableChanged(first, STOPS, 0, a.size());
        director.afterListVariableChanged(second, STOPS, 0, b.size());
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return List.of(first, second);
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<RouteStop> values = new ArrayList<>(first.getStops());
        values.addAll(second.getStops());
        return values;
    }

    @Override
    public String toString() {
        return "tail swap " + first + "@" + firstCut + (reversed ? " reversed " : " ") + second + "@" + secondCut;
    }
}
