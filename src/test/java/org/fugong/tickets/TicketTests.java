package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.tickets.internal.TicketEvent;
import org.fugong.tickets.internal.TicketQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * The ticket desk with a test clock: the SLA steps at their moments, the paused clock, the whole
 * life of a ticket, routing and transfer, and who sees and does what.
 */
class TicketTests extends IntegrationTest {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Autowired
    TicketDesk desk;

    @Autowired
    TicketReplies replies;

    @Autowired
    TicketHandling handling;

    @Autowired
    TicketSweep sweep;

    @Autowired
    TicketQueries queries;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Moves the application's clock to the next 09:00 in city time; returns that moment. */
    private Instant nineOClock() {
        ZonedDateTime now = ZonedDateTime.now(CITY);
        ZonedDateTime nine = now.toLocalDate().atTime(9, 0).atZone(CITY);
        if (!nine.isAfter(now)) {
            nine = nine.plusDays(1);
        }
        clock.stopAt(nine.toInstant());
        return nine.toInstant();
    }

    private Ticket fileLabourProblem(String username) {
        Actor owner = actor(username);
        return desk.file(
                owner,
                own(owner),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.LABOUR,
                        TicketPriority.NORMAL,
                        "工人无法返岗",
                        "外省员工 40 人无法返回宁波，需要包车接回。",
                        false,
                        null));
    }

    private List<String> kinds(Ticket ticket) {
        return queries.timeline(ticket.id()).stream().map(TicketEvent::kind).toList();
    }

    @Test
    void aTicketFiledAtNineWarnsBreachesRemindsEscalatesAndIsSupervisedOnTime() throws Exception {
        Instant nine = nineOClock();
        Ticket ticket = fileLabourProblem("ent-haishu");
        assertThat(ticket.unitCode()).isEqualTo("DEPT-LABOUR");
        Instant midnight =
                LocalDate.ofInstant(nine, CITY).plusDays(1).atStartOfDay(CITY).toInstant();
        assertThat(ticket.solutionDue()).isEqualTo(midnight);
        assertThat(ticket.firstResponseDue()).isEqualTo(nine.plus(Duration.ofHours(2)));
        assertThat(ticket.warningAt()).isEqualTo(nine.plus(Duration.ofHours(12)));

        sweep.sweep(nine.plus(Duration.ofMinutes(119)));
        assertThat(kinds(ticket)).containsExactly("FILED", "ROUTED");
        sweep.sweep(nine.plus(Duration.ofHours(2)));
        assertThat(kinds(ticket)).containsExactly("FILED", "ROUTED", "FIRST_RESPONSE_OVERDUE");
        sweep.sweep(nine.plus(Duration.ofHours(12)).minusSeconds(1));
        assertThat(kinds(ticket)).hasSize(3);
        sweep.sweep(nine.plus(Duration.ofHours(12)));
        assertThat(kinds(ticket)).endsWith("WARNED");
        assertThat(level(ticket)).isOne();
        sweep.sweep(midnight.minusSeconds(1));
        assertThat(kinds(ticket)).endsWith("WARNED");
        sweep.sweep(midnight);
        assertThat(kinds(ticket)).endsWith("WARNED", "REMINDER_ISSUED", "ESCALATED");
        Ticket breached = desk.get(Scope.city(), ticket.id());
        assertThat(breached.escalationLevel()).isEqualTo(2);
        assertThat(breached.escalated()).isTrue();
        assertThat(queries.page(
                                actor("city"),
                                Scope.city(),
                                new TicketQueries.Filter(TicketQueries.View.ESCALATED, null, "#" + ticket.number()),
                                null,
                                10)
                        .items())
                .extracting(Ticket::id)
                .containsExactly(ticket.id());
        assertThat(notificationKinds("DEPT-LABOUR", ticket))
                .contains("ASSIGNED", "FIRST_RESPONSE_OVERDUE", "WARNED", "REMINDER");
        assertThat(notificationKinds("CITY", ticket)).contains("ESCALATED");
        // Sweeping again at the same moment does nothing twice.
        sweep.sweep(midnight.plusSeconds(30));
        assertThat(kinds(ticket).stream().filter("REMINDER_ISSUED"::equals)).hasSize(1);
        sweep.sweep(midnight.plus(Duration.ofDays(1)).minusSeconds(1));
        assertThat(kinds(ticket)).doesNotContain("SUPERVISED");
        sweep.sweep(midnight.plus(Duration.ofDays(1)));
        assertThat(kinds(ticket)).endsWith("SUPERVISED");
        Ticket supervised = desk.get(Scope.city(), ticket.id());
        assertThat(supervised.escalationLevel()).isEqualTo(3);
        assertThat(supervised.nextEscalationAt()).isNull();
        // The page tells the steps in words, and the command center lists it.
        String page = mvc.get()
                .uri("/tickets/" + ticket.id() + "?lang=en")
                .with(as("city"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Reminder notice to the head of the unit")
                .contains("Put under supervision")
                .contains("Under supervision");
    }

    @Test
    void waitingForTheEnterpriseMovesTheDueTimesByThePause() {
        Instant nine = nineOClock();
        Ticket ticket = fileLabourProblem("ent-haishu");
        Instant due = ticket.solutionDue();
        clock.advance(Duration.ofHours(1));
        Ticket waiting = handling.askEnterprise(
                actor("labour"), scope("labour"), ticket.id(), ticket.version(), "How many workers, from where?");
        assertThat(waiting.status()).isEqualTo(TicketStatus.WAITING_FOR_ENTERPRISE);
        assertThat(waiting.nextEscalationAt()).isNull();
        // Nothing happens while the clock is paused, even long after the old warning time.
        sweep.sweep(nine.plus(Duration.ofHours(13)));
        assertThat(kinds(ticket)).doesNotContain("WARNED", "FIRST_RESPONSE_OVERDUE");
        clock.advance(Duration.ofHours(2));
        Actor owner = actor("ent-haishu");
        Ticket resumed = replies.reply(owner, own(owner), ticket.id(), waiting.version(), "40 workers from Guizhou");
        assertThat(resumed.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(resumed.solutionDue()).isEqualTo(due.plus(Duration.ofHours(2)));
        assertThat(resumed.warningAt()).isEqualTo(nine.plus(Duration.ofHours(14)));
        sweep.sweep(nine.plus(Duration.ofHours(14)).minusSeconds(1));
        assertThat(kinds(ticket)).doesNotContain("WARNED");
        sweep.sweep(nine.plus(Duration.ofHours(14)));
        assertThat(kinds(ticket)).endsWith("WARNED");
    }

    @Test
    void resolvedReopenedResolvedConfirmedAndClosedAfterTheFollowUpCall() {
        Ticket ticket = fileLabourProblem("ent-haishu");
        Actor labour = actor("labour");
        Actor owner = actor("ent-haishu");
        Ticket answered =
                handling.respond(labour, scope("labour"), ticket.id(), ticket.version(), "Arranging a chartered bus");
        assertThat(answered.firstRespondedAt()).isNotNull();
        Ticket resolved =
                handling.resolve(labour, scope("labour"), ticket.id(), answered.version(), "Bus booked for Friday");
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.nextEscalationAt()).isNull();
        clock.advance(Duration.ofHours(3));
        Ticket reopened = replies.reopen(owner, own(owner), ticket.id(), resolved.version(), "The bus was cancelled");
        assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(reopened.slaStartedAt()).isAfter(ticket.slaStartedAt());
        assertThat(reopened.nextEscalationAt()).isNotNull();
        Ticket again =
                handling.resolve(labour, scope("labour"), ticket.id(), reopened.version(), "Another bus, confirmed");
        // The follow-up call is not the enterprise's to record, nor another district's.
        assertThatThrownBy(() -> handling.followUp(owner, own(owner), ticket.id(), again.version(), true, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> handling.followUp(
                        actor("jiangbei"), scope("jiangbei"), ticket.id(), again.version(), true, null))
                .isInstanceOf(AccessDeniedException.class);
        Ticket confirmed = replies.confirm(owner, own(owner), ticket.id(), again.version());
        Ticket closed =
                handling.followUp(actor("haishu"), scope("haishu"), ticket.id(), confirmed.version(), true, "Thanks");
        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.satisfied()).isTrue();
        assertThat(kinds(ticket))
                .containsExactly(
                        "FILED",
                        "ROUTED",
                        "RESPONDED",
                        "RESOLVED",
                        "REOPENED",
                        "RESOLVED",
                        "CONFIRMED",
                        "FOLLOW_UP_SATISFIED");
        assertThatThrownBy(() -> replies.reopen(owner, own(owner), ticket.id(), closed.version(), "again"))
                .isInstanceOf(RefusedChangeException.class);
    }

    @Test
    void anUnsatisfiedFollowUpCallReopens() {
        Ticket ticket = fileLabourProblem("ent-haishu");
        Ticket resolved = handling.resolve(actor("labour"), scope("labour"), ticket.id(), ticket.version(), "Done");
        Ticket reopened = handling.followUp(
                actor("city"), Scope.city(), ticket.id(), resolved.version(), false, "Nothing happened");
        assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(reopened.satisfied()).isFalse();
        assertThat(kinds(ticket)).endsWith("FOLLOW_UP_UNSATISFIED");
    }

    @Test
    void eachSeesOnlyWhatIsTheirs() {
        Ticket haishuLabour = fileLabourProblem("ent-haishu");
        Actor owner = actor("ent-haishu");
        Ticket haishuPolicy = desk.file(
                owner,
                own(owner),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.POLICY,
                        TicketPriority.NORMAL,
                        "租金减免政策",
                        "请问租金减免如何申请？",
                        false,
                        null));
        assertThat(haishuPolicy.unitCode()).isEqualTo("D-330203");

        // Labour sees the labour ticket, not the policy one; transport sees neither.
        assertThat(desk.get(scope("labour"), haishuLabour.id())).isNotNull();
        assertThatThrownBy(() -> desk.get(scope("labour"), haishuPolicy.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> desk.get(scope("transport"), haishuLabour.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(queries.page(
                                actor("labour"),
                                scope("labour"),
                                new TicketQueries.Filter(TicketQueries.View.UNIT, null, null),
                                null,
                                1000)
                        .items())
                .allMatch(t -> t.unitCode().equals("DEPT-LABOUR"))
                .extracting(Ticket::id)
                .contains(haishuLabour.id())
                .doesNotContain(haishuPolicy.id());
        // Jiangbei's enterprise and official see neither; Haishu's official sees both but handles only its own group's.
        Actor entJiangbei = actor("ent-jiangbei");
        assertThatThrownBy(() -> desk.get(own(entJiangbei), haishuLabour.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(queries.page(
                                entJiangbei,
                                own(entJiangbei),
                                new TicketQueries.Filter(TicketQueries.View.OWN, null, null),
                                null,
                                1000)
                        .items())
                .allMatch(t -> t.enterpriseId().equals(entJiangbei.enterpriseId()));
        assertThatThrownBy(() -> desk.get(scope("jiangbei"), haishuPolicy.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(desk.get(scope("haishu"), haishuLabour.id())).isNotNull();
        assertThatThrownBy(() -> handling.resolve(
                        actor("haishu"), scope("haishu"), haishuLabour.id(), haishuLabour.version(), "x"))
                .isInstanceOf(AccessDeniedException.class);
        Ticket answered = handling.respond(
                actor("haishu"),
                scope("haishu"),
                haishuPolicy.id(),
                haishuPolicy.version(),
                "See the city's notice No. 5");
        assertThat(answered.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        // Over HTTP.
        assertThat(mvc.get().uri("/tickets/" + haishuLabour.id()).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/tickets/" + haishuLabour.id()).with(as("transport")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/tickets/" + haishuLabour.id()).with(as("labour")))
                .hasStatusOk();
    }

    @Test
    void aTransferMovesTheTicketAndItsReader() {
        Ticket filed = fileLabourProblem("ent-haishu");
        Ticket ticket = handling.take(actor("labour"), scope("labour"), filed.id(), filed.version());
        assertThat(ticket.assigneeName()).isEqualTo(actor("labour").displayName());
        assertThat(queries.page(
                                actor("labour"),
                                scope("labour"),
                                new TicketQueries.Filter(TicketQueries.View.MINE, null, null),
                                null,
                                100)
                        .items())
                .extracting(Ticket::id)
                .contains(ticket.id());
        assertThat(queries.page(
                                actor("city"),
                                Scope.city(),
                                new TicketQueries.Filter(TicketQueries.View.MINE, null, null),
                                null,
                                100)
                        .items())
                .extracting(Ticket::id)
                .doesNotContain(ticket.id());
        assertThatThrownBy(() -> handling.transfer(
                        actor("labour"), scope("labour"), ticket.id(), ticket.version(), "D-330203", " "))
                .isInstanceOf(InvalidInputException.class);
        Ticket moved = handling.transfer(
                actor("labour"), scope("labour"), ticket.id(), ticket.version(), "D-330203", "A dormitory question");
        assertThat(moved.unitCode()).isEqualTo("D-330203");
        assertThat(moved.assigneeId()).isNull();
        assertThatThrownBy(() -> desk.get(scope("labour"), ticket.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(kinds(ticket)).endsWith("TRANSFERRED");
        assertThatThrownBy(() -> handling.respond(actor("labour"), scope("labour"), ticket.id(), moved.version(), "x"))
                .isInstanceOf(AccessDeniedException.class);
        // A stale page is refused.
        assertThatThrownBy(() -> handling.respond(actor("haishu"), scope("haishu"), ticket.id(), ticket.version(), "x"))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aCommissionerSettlesOnTheSpotAndItIsStillRecorded() {
        Actor commissioner = actor("commissioner");
        UUID assigned = enterpriseOf("ent-haishu");
        Ticket ticket = desk.file(
                commissioner,
                scope("commissioner"),
                new TicketDesk.NewTicket(
                        assigned,
                        TicketCategory.PREVENTION,
                        TicketPriority.NORMAL,
                        "测温枪不足",
                        "需要 5 把测温枪。",
                        true,
                        "从街道应急储备调拨 5 把"));
        assertThat(ticket.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(ticket.channel()).isEqualTo(TicketChannel.VISIT);
        assertThat(kinds(ticket)).containsExactly("FILED", "ROUTED", "SOLVED_ON_SPOT");
        assertThatThrownBy(() -> desk.file(
                        actor("ent-haishu"),
                        own(actor("ent-haishu")),
                        new TicketDesk.NewTicket(
                                assigned, TicketCategory.OTHER, TicketPriority.NORMAL, "x", "y", true, "z")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> desk.file(
                        commissioner,
                        scope("commissioner"),
                        new TicketDesk.NewTicket(
                                assigned, TicketCategory.OTHER, TicketPriority.NORMAL, " ", "", false, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsOnlyKeys("title", "description"));
        // Not an enterprise assigned to him.
        assertThatThrownBy(() -> desk.file(
                        commissioner,
                        scope("commissioner"),
                        new TicketDesk.NewTicket(
                                enterpriseOf("ent-jiangbei"),
                                TicketCategory.OTHER,
                                TicketPriority.NORMAL,
                                "x",
                                "y",
                                false,
                                null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void similarOpenProblemsAreFoundInChinese() {
        Ticket ticket = fileLabourProblem("ent-haishu");
        assertThat(queries.similarOpen(Scope.city(), "员工返岗需要包车", 20))
                .extracting(Ticket::id)
                .contains(ticket.id());
        assertThat(queries.similarOpen(Scope.city(), "银行贷款利率", 20))
                .extracting(Ticket::id)
                .doesNotContain(ticket.id());
    }

    @Test
    void theFormExplainsItsProblemsAndFilesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from ticket").query(Long.class).single();
        String page = mvc.post()
                .uri("/tickets?lang=en")
                .with(as("ent-haishu"))
                .with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("category", "LABOUR")
                .param("title", "")
                .param("description", "")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Give a title of at most 200 characters.").contains("Describe the problem");
        assertThat(jdbc.sql("select count(*) from ticket").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void theDemoHasTicketsInEveryStatusSomeEscalatedAndACommonIssue() {
        List<String> statuses = jdbc.sql("select distinct status from ticket where filed_by <> 'load'")
                .query(String.class)
                .list();
        assertThat(statuses)
                .contains("NEW", "IN_PROGRESS", "WAITING_FOR_ENTERPRISE", "RESOLVED", "CONFIRMED", "CLOSED");
        assertThat(jdbc.sql("select count(distinct district_code) from ticket")
                        .query(Long.class)
                        .single())
                .isEqualTo(11);
        assertThat(jdbc.sql("select count(*) from ticket where escalated")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from ticket where escalation_level = 3")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from ticket_common_issue c where (select count(*) from ticket t "
                                + "where t.common_issue_id = c.id) >= 2")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("select count(distinct unit_code) from ticket")
                        .query(Long.class)
                        .single())
                .isGreaterThan(5);
    }

    private int level(Ticket ticket) {
        return desk.get(Scope.city(), ticket.id()).escalationLevel();
    }

    private List<String> notificationKinds(String unit, Ticket ticket) {
        return jdbc.sql(
                        "select kind from notification where recipient_kind = 'UNIT' and recipient = ? and ticket_id = ? order by id")
                .params(unit, ticket.id())
                .query(String.class)
                .list();
    }

    private Scope own(Actor enterprise) {
        return Scope.enterprise(enterprise.enterpriseId());
    }
}
