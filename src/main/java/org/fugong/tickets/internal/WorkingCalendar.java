package org.fugong.tickets.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working hours on working days, holidays excepted, in city time: the clock of a policy that does
 * not run around the clock. Adds working time to an instant and measures working time between two.
 */
public record WorkingCalendar(
        LocalTime starts, LocalTime ends, Set<DayOfWeek> days, Set<LocalDate> holidays, ZoneId zone) {

    public WorkingCalendar {
        days = Set.copyOf(days);
        holidays = Set.copyOf(holidays);
        if (!starts.isBefore(ends) || days.isEmpty()) {
            throw new IllegalArgumentException("A working day needs hours and at least one day");
        }
    }

    public boolean workingDay(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The first working moment at or after {@code t}. */
    public Instant nextWorking(Instant t) {
        ZonedDateTime at = t.atZone(zone);
        LocalDate day = at.toLocalDate();
        for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
            if (!workingDay(day)) {
                continue;
            }
            ZonedDateTime open = day.atTime(starts).atZone(zone);
            ZonedDateTime close = day.atTime(ends).atZone(zone);
            if (at.isBefore(open)) {
                return open.toInstant();
            }
            if (at.isBefore(close)) {
                return at.toInstant();
            }
        }
        throw new IllegalStateException("No working day within 400 days");
    }

    /** {@code t} plus {@code working} of working time. */
    public Instant plus(Instant t, Duration working) {
        Instant at = nextWorking(t);
        Duration left = working;
        while (true) {
            Instant close =
                    at.atZone(zone).toLocalDate().atTime(ends).atZone(zone).toInstant();
            Duration today = Duration.between(at, close);
            if (left.compareTo(today) <= 0) {
                return at.plus(left);
            }
            left = left.minus(today);
            at = nextWorking(close);
        }
    }

    /** The working time between two instants. */
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant at = nextWorking(from);
        while (at.isBefore(to)) {
            Instant close =
                    at.atZone(zone).toLocalDate().atTime(ends).atZone(zone).toInstant();
            Instant end = close.isBefore(to) ? close : to;
            total = total.plus(Duration.between(at, end));
            at = nextWorking(close);
        }
        return total;
    }

    /** The end of the working day on which work on something started at {@code t} falls. */
    public Instant endOfWorkingDay(Instant t) {
        Instant at = nextWorking(t);
        return at.atZone(zone).toLocalDate().atTime(ends).atZone(zone).toInstant();
    }
}
