package org.fugong.tickets.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SLA arithmetic, without a database: when things are due, which escalation steps a moment
 * calls for, and when the next one comes. The clock runs around the clock; pauses are added as a
 * span that moves every due time.
 */
public final class SlaClock {

    /** The escalation steps in the order they come. */
    public enum Step {
        FIRST_RESPONSE_OVERDUE,
        WARNED,
        BREACHED,
        SUPERVISED
    }

    public record Due(Instant firstResponse, Instant solution, Instant warning) {}

    /**
     * The ticket as the clock sees it: whether it has had its first response (or been recorded
     * late), the level reached (0 none, 1 warned, 2 breached, 3 supervised), its due times, and
     * whether the clock is paused.
     */
    public record State(
            boolean responded,
            boolean firstResponseLate,
            int level,
            Instant firstResponseDue,
            Instant warningAt,
            Instant solutionDue,
            Duration supervisionAfter,
            boolean paused) {}

    private SlaClock() {}

    /** The due times of a ticket whose clock started at {@code start} and has been paused for {@code paused}. */
    public static Due due(SlaPolicy policy, Instant start, boolean difficult, Duration paused, ZoneId zone) {
        WorkingCalendar calendar = policy.calendar();
        if (calendar != null) {
            return dueInWorkingTime(policy, calendar, start, difficult, paused);
        }
        Instant solution;
        if (difficult) {
            solution = start.plus(policy.difficultSolution());
        } else if (policy.solveByEndOfDay()) {
            Instant endOfDay = start.atZone(zone)
                    .toLocalDate()
                    .plusDays(1)
                    .atStartOfDay(zone)
                    .toInstant();
            Instant floor = start.plus(policy.solution());
            solution = endOfDay.isAfter(floor) ? endOfDay : floor;
        } else {
            solution = start.plus(policy.solution());
        }
        Duration span = Duration.between(start, solution);
        Instant warning = start.plus(span.multipliedBy(policy.warningPercent()).dividedBy(100));
        return new Due(start.plus(policy.firstResponse()).plus(paused), solution.plus(paused), warning.plus(paused));
    }

    /**
     * Due times on a working calendar: the times count working hours only; "the same day" is the
     * end of the working day the ticket starts on. A pause moves everything by its span, as on the
     * round-the-clock clock.
     */
    private static Due dueInWorkingTime(
            SlaPolicy policy, WorkingCalendar calendar, Instant start, boolean difficult, Duration paused) {
        Instant solution;
        if (difficult) {
            solution = calendar.plus(start, policy.difficultSolution());
        } else if (policy.solveByEndOfDay()) {
            Instant endOfDay = calendar.endOfWorkingDay(start);
            Instant floor = calendar.plus(start, policy.solution());
            solution = endOfDay.isAfter(floor) ? endOfDay : floor;
        } else {
            solution = calendar.plus(start, policy.solution());
        }
        Duration working = calendar.between(start, solution);
        Instant warning = calendar.plus(
                start, working.multipliedBy(policy.warningPercent()).dividedBy(100));
        return new Due(
                calendar.plus(start, policy.firstResponse()).plus(paused), solution.plus(paused), warning.plus(paused));
    }

    /** The steps that are due at {@code now} and not yet taken, in order. */
    public static List<Step> steps(State state, Instant now) {
        List<Step> steps = new ArrayList<>();
        if (state.paused()) {
            return steps;
        }
        if (!state.responded() && !state.firstResponseLate() && !now.isBefore(state.firstResponseDue())) {
            steps.add(Step.FIRST_RESPONSE_OVERDUE);
        }
        if (state.level() < 1 && !now.isBefore(state.warningAt())) {
            steps.add(Step.WARNED);
        }
        if (state.level() < 2 && !now.isBefore(state.solutionDue())) {
            steps.add(Step.BREACHED);
        }
        if (state.level() < 3 && !now.isBefore(state.solutionDue().plus(state.supervisionAfter()))) {
            steps.add(Step.SUPERVISED);
        }
        return steps;
    }

    /** The next moment a step falls due, or null if none will (paused, or everything done). */
    public static @Nullable Instant next(State state) {
        if (state.paused()) {
            return null;
        }
        Instant next = null;
        if (!state.responded() && !state.firstResponseLate()) {
            next = state.firstResponseDue();
        }
        Instant levelNext = switch (state.level()) {
            case 0 -> state.warningAt();
            case 1 -> state.solutionDue();
            case 2 -> state.solutionDue().plus(state.supervisionAfter());
            default -> null;
        };
        if (levelNext != null && (next == null || levelNext.isBefore(next))) {
            next = levelNext;
        }
        return next;
    }

    /** The level a step brings a ticket to (the first-response step changes no level). */
    public static int levelAfter(Step step, int level) {
        return switch (step) {
            case FIRST_RESPONSE_OVERDUE -> level;
            case WARNED -> Math.max(level, 1);
            case BREACHED -> Math.max(level, 2);
            case SUPERVISED -> 3;
        };
    }
}
