package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fugong.tickets.internal.SlaClock;
import org.fugong.tickets.internal.SlaPolicy;
import org.fugong.tickets.internal.WorkingCalendar;
import org.junit.jupiter.api.Test;

/** The SLA arithmetic on its own: due times, the steps a moment calls for, the next moment. */
class SlaClockTests {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    static final SlaPolicy DEFAULT = new SlaPolicy(
            1, null, null, Duration.ofHours(2), true, Duration.ofHours(4), Duration.ofDays(2), 80, Duration.ofDays(1));

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(CITY).toInstant();
    }

    @Test
    void filedAtNineIsDueTheSameDayWarnedAtEightyPercent() {
        var due = SlaClock.due(DEFAULT, at("2020-02-10T09:00"), false, Duration.ZERO, CITY);
        assertThat(due.firstResponse()).isEqualTo(at("2020-02-10T11:00"));
        assertThat(due.solution()).isEqualTo(at("2020-02-11T00:00"));
        assertThat(due.warning()).isEqualTo(at("2020-02-10T21:00"));
    }

    @Test
    void filedLateInTheDayStillGetsTheFloor() {
        var due = SlaClock.due(DEFAULT, at("2020-02-10T22:30"), false, Duration.ZERO, CITY);
        assertThat(due.solution()).isEqualTo(at("2020-02-11T02:30"));
    }

    @Test
    void aDifficultTicketHasTwoDaysAndAPauseMovesEverything() {
        var due = SlaClock.due(DEFAULT, at("2020-02-10T09:00"), true, Duration.ofHours(3), CITY);
        assertThat(due.solution()).isEqualTo(at("2020-02-12T12:00"));
        assertThat(due.firstResponse()).isEqualTo(at("2020-02-10T14:00"));
    }

    @Test
    void stepsComeInOrderAndOnlyOnce() {
        var start = new SlaClock.State(
                false,
                false,
                0,
                at("2020-02-10T11:00"),
                at("2020-02-10T21:00"),
                at("2020-02-11T00:00"),
                Duration.ofDays(1),
                false);
        assertThat(SlaClock.steps(start, at("2020-02-10T10:59"))).isEmpty();
        assertThat(SlaClock.next(start)).isEqualTo(at("2020-02-10T11:00"));
        assertThat(SlaClock.steps(start, at("2020-02-10T11:00"))).containsExactly(SlaClock.Step.FIRST_RESPONSE_OVERDUE);
        var late = new SlaClock.State(
                false,
                true,
                0,
                start.firstResponseDue(),
                start.warningAt(),
                start.solutionDue(),
                start.supervisionAfter(),
                false);
        assertThat(SlaClock.next(late)).isEqualTo(at("2020-02-10T21:00"));
        assertThat(SlaClock.steps(late, at("2020-02-11T00:00")))
                .containsExactly(SlaClock.Step.WARNED, SlaClock.Step.BREACHED);
        var breached = new SlaClock.State(
                true,
                true,
                2,
                start.firstResponseDue(),
                start.warningAt(),
                start.solutionDue(),
                start.supervisionAfter(),
                false);
        assertThat(SlaClock.steps(breached, at("2020-02-11T23:59"))).isEmpty();
        assertThat(SlaClock.next(breached)).isEqualTo(at("2020-02-12T00:00"));
        assertThat(SlaClock.steps(breached, at("2020-02-12T00:00"))).containsExactly(SlaClock.Step.SUPERVISED);
        var supervised = new SlaClock.State(
                true,
                true,
                3,
                start.firstResponseDue(),
                start.warningAt(),
                start.solutionDue(),
                start.supervisionAfter(),
                false);
        assertThat(SlaClock.next(supervised)).isNull();
        assertThat(SlaClock.steps(supervised, at("2020-03-01T00:00"))).isEmpty();
    }

    @Test
    void aPausedClockHasNothingDue() {
        var paused = new SlaClock.State(
                true,
                false,
                0,
                at("2020-02-10T11:00"),
                at("2020-02-10T21:00"),
                at("2020-02-11T00:00"),
                Duration.ofDays(1),
                true);
        assertThat(SlaClock.steps(paused, at("2020-02-12T00:00"))).isEmpty();
        assertThat(SlaClock.next(paused)).isNull();
    }

    @Test
    void theMostSpecificPolicyFits() {
        var urgent = new SlaPolicy(
                2,
                null,
                TicketPriority.URGENT,
                Duration.ofMinutes(30),
                false,
                Duration.ofHours(4),
                Duration.ofDays(1),
                75,
                Duration.ofHours(8));
        var labour = new SlaPolicy(
                3,
                TicketCategory.LABOUR,
                null,
                Duration.ofHours(1),
                true,
                Duration.ofHours(4),
                Duration.ofDays(2),
                80,
                Duration.ofDays(1));
        List<SlaPolicy> all = List.of(DEFAULT, urgent, labour);
        assertThat(all.stream().filter(p -> p.fit(TicketCategory.FINANCE, TicketPriority.NORMAL) >= 0))
                .containsExactly(DEFAULT);
        assertThat(labour.fit(TicketCategory.LABOUR, TicketPriority.URGENT))
                .isGreaterThan(urgent.fit(TicketCategory.LABOUR, TicketPriority.URGENT));
        assertThat(urgent.fit(TicketCategory.LABOUR, TicketPriority.NORMAL)).isNegative();
    }

    static WorkingCalendar workdays(LocalDate... holidays) {
        return new WorkingCalendar(
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Set.of(holidays),
                CITY);
    }

    @Test
    void onAWorkingCalendarTheClockStopsAtNightAndAtTheWeekend() {
        var policy = new SlaPolicy(
                4,
                null,
                null,
                Duration.ofHours(2),
                true,
                Duration.ofHours(4),
                Duration.ofDays(2),
                80,
                Duration.ofDays(1),
                workdays());
        // Friday 7 February 2020, 16:00: 1.5 working hours left that day.
        var due = SlaClock.due(policy, at("2020-02-07T16:00"), false, Duration.ZERO, CITY);
        assertThat(due.firstResponse()).isEqualTo(at("2020-02-10T09:00"));
        assertThat(due.solution()).isEqualTo(at("2020-02-10T11:00"));
        // 80 % of 4 working hours is 3 h 12 min: 1.5 h on Friday, 1 h 42 min on Monday.
        assertThat(due.warning()).isEqualTo(at("2020-02-10T10:12"));
        // Filed at 09:00 on a Tuesday: the same day is 17:30 that day.
        var tuesday = SlaClock.due(policy, at("2020-02-11T09:00"), false, Duration.ZERO, CITY);
        assertThat(tuesday.solution()).isEqualTo(at("2020-02-11T17:30"));
        // Filed on a Saturday night: the clock starts on Monday morning.
        var weekend = SlaClock.due(policy, at("2020-02-08T22:00"), false, Duration.ZERO, CITY);
        assertThat(weekend.firstResponse()).isEqualTo(at("2020-02-10T10:30"));
    }

    @Test
    void aHolidayIsNoWorkingDay() {
        var calendar = workdays(LocalDate.parse("2020-02-10"));
        assertThat(calendar.plus(at("2020-02-07T17:00"), Duration.ofHours(1))).isEqualTo(at("2020-02-11T09:00"));
        assertThat(calendar.between(at("2020-02-07T17:00"), at("2020-02-11T09:00")))
                .isEqualTo(Duration.ofHours(1));
    }
}
