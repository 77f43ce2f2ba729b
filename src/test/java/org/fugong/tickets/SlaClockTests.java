package org.fugong.tickets;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SLA arithmetic on its own: due times, the steps a moment calls for, the next moment. */
class SlaClockTests {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    static final SlaPolicy DEFAULT = new SlaPolicy(1, null, null, Duration.ofHours(2), true, Duration.ofHours(4),
            Duration.ofDays(2), 80, Duration.ofDays(1));

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
        var start = new SlaClock.State(false, false, 0, at("2020-02-10T11:00"), at("2020-02-10T21:00"),
                at("2020-02-11T00:00"), Duration.ofDays(1), false);
        assertThat(SlaClock.steps(start, at("2020-02-10T10:59"))).isEmpty();
        assertThat(SlaClock.next(start)).isEqualTo(at("2020-02-10T11:00"));
        assertThat(SlaClock.steps(start, at("2020-02-10T11:00"))).containsExactly(SlaClock.Step.FIRST_RESPONSE_OVERDUE);
        var late = new SlaClock.State(false, true, 0, start.firstResponseDue(), start.warningAt(), start.solutionDue(),
                start.supervisionAfter(), false);
        assertThat(SlaClock.next(late)).isEqualTo(at("2020-02-10T21:00"));
        assertThat(SlaClock.steps(late, at("2020-02-11T00:00"))).containsExactly(SlaClock.Step.WARNED, SlaClock.Step.BREACHED);
        var breached = new SlaClock.State(true, true, 2, start.firstResponseDue(), start.warningAt(), start.solutionDue(),
                start.supervisionAfter(), false);
        assertThat(SlaClock.steps(breached, at("2020-02-11T23:59"))).isEmpty();
        assertThat(SlaClock.next(breached)).isEqualTo(at("2020-02-12T00:00"));
        assertThat(SlaClock.steps(breached, at("2020-02-12T00:00"))).containsExactly(SlaClock.Step.SUPERVISED);
        var supervised = new SlaClock.State(true, true, 3, start.firstResponseDue(), start.warningAt(), start.solutionDue(),
                start.supervisionAfter(), false);
        assertThat(SlaClock.next(supervised)).isNull();
        assertThat(SlaClock.steps(supervised, at("2020-03-01T00:00"))).isEmpty();
    }

    @Test
    void aPausedClockHasNothingDue() {
        var paused = new SlaClock.State(true, false, 0, at("2020-02-10T11:00"), at("2020-02-10T21:00"),
                at("2020-02-11T00:00"), Duration.ofDays(1), true);
        assertThat(SlaClock.steps(paused, at("2020-02-12T00:00"))).isEmpty();
        assertThat(SlaClock.next(paused)).isNull();
    }

    @Test
    void theMostSpecificPolicyFits() {
        var urgent = new SlaPolicy(2, null, TicketPriority.URGENT, Duration.ofMinutes(30), false, Duration.ofHours(4),
                Duration.ofDays(1), 75, Duration.ofHours(8));
        var labour = new SlaPolicy(3, TicketCategory.LABOUR, null, Duration.ofHours(1), true, Duration.ofHours(4),
                Duration.ofDays(2), 80, Duration.ofDays(1));
        List<SlaPolicy> all = List.of(DEFAULT, urgent, labour);
        assertThat(all.stream().filter(p -> p.fit(TicketCategory.FINANCE, TicketPriority.NORMAL) >= 0)).containsExactly(DEFAULT);
        assertThat(labour.fit(TicketCategory.LABOUR, TicketPriority.URGENT)).isGreaterThan(urgent.fit(TicketCategory.LABOUR, TicketPriority.URGENT));
        assertThat(urgent.fit(TicketCategory.LABOUR, TicketPriority.NORMAL)).isNegative();
    }
}
