package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.tickets.internal.SlaClock;
import org.fugong.tickets.internal.SlaPolicies;
import org.fugong.tickets.internal.TicketRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Routing rules and SLA policies as data: the city changes them, new tickets follow, nobody else may. */
class TicketRulesTests extends IntegrationTest {

    @Autowired
    TicketRules rules;

    @Autowired
    TicketDesk desk;

    @Autowired
    SlaPolicies policies;

    @Test
    void aDistrictRuleSendsThatDistrictsProblemsElsewhere() throws Exception {
        Actor owner = actor("ent-jiangbei");
        Scope own = Scope.enterprise(owner.enterpriseId());
        var finance = new TicketDesk.NewTicket(
                owner.enterpriseId(),
                TicketCategory.FINANCE,
                TicketPriority.NORMAL,
                "贷款贴息",
                "复工贷款贴息如何申请？",
                false,
                null);
        assertThat(desk.file(owner, own, finance).unitCode()).isEqualTo("DEPT-FINANCE");
        assertThatThrownBy(() -> rules.setRoute(actor("jiangbei"), TicketCategory.FINANCE, "330205", "D-330205"))
                .isInstanceOf(AccessDeniedException.class);
        long mark = auditMark();
        var response = mvc.post()
                .uri("/tickets/rules/routes")
                .with(as("city"))
                .with(csrf())
                .param("category", "FINANCE")
                .param("district", "330205")
                .param("unit", "D-330205")
                .exchange()
                .getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/tickets/rules");
        try {
            assertThat(desk.file(owner, own, finance).unitCode()).isEqualTo("D-330205");
            // Other districts keep the default.
            Actor haishu = actor("ent-haishu");
            assertThat(desk.file(
                                    haishu,
                                    Scope.enterprise(haishu.enterpriseId()),
                                    new TicketDesk.NewTicket(
                                            haishu.enterpriseId(),
                                            TicketCategory.FINANCE,
                                            TicketPriority.NORMAL,
                                            "贷款",
                                            "贷款",
                                            false,
                                            null))
                            .unitCode())
                    .isEqualTo("DEPT-FINANCE");
        } finally {
            rules.routes().stream()
                    .filter(r -> r.category() == TicketCategory.FINANCE)
                    .forEach(r -> rules.removeRoute(actor("city"), r.id()));
        }
        assertThat(auditSince(mark, "TICKET_ROUTE_SET"))
                .extracting(entry -> entry[0])
                .containsExactly("FINANCE/330205");
        assertThat(auditSince(mark, "TICKET_ROUTE_REMOVED"))
                .extracting(entry -> entry[0])
                .containsExactly("FINANCE/330205");
    }

    @Test
    void aPolicyForACategoryGovernsItsNewTickets() throws Exception {
        var bad = mvc.post()
                .uri("/tickets/rules/policies?lang=en")
                .with(as("city"))
                .with(csrf())
                .param("category", "PREVENTION")
                .param("firstResponseMinutes", "0")
                .param("solutionMinutes", "120")
                .param("difficultSolutionMinutes", "60")
                .param("warningPercent", "100")
                .param("supervisionAfterMinutes", "60")
                .exchange()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString())
                .contains("Give a time in minutes")
                .contains("The difficult time must be at least");
        rules.savePolicy(
                actor("city"),
                new TicketRules.PolicyChange(
                        null, TicketCategory.PREVENTION, null, 30, false, 180, 1440, 50, 240, false));
        Actor owner = actor("ent-haishu");
        Ticket ticket = desk.file(
                owner,
                Scope.enterprise(owner.enterpriseId()),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.PREVENTION,
                        TicketPriority.NORMAL,
                        "口罩",
                        "口罩不足",
                        false,
                        null));
        assertThat(Duration.between(ticket.filedAt(), ticket.solutionDue())).isEqualTo(Duration.ofMinutes(180));
        assertThat(Duration.between(ticket.filedAt(), ticket.firstResponseDue()))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(Duration.between(ticket.filedAt(), ticket.warningAt())).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> rules.savePolicy(
                        actor("city"),
                        new TicketRules.PolicyChange(
                                null, TicketCategory.PREVENTION, null, 30, false, 180, 1440, 50, 240, false)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> rules.savePolicy(
                        actor("labour"),
                        new TicketRules.PolicyChange(
                                null, TicketCategory.LABOUR, null, 30, false, 180, 1440, 50, 240, false)))
                .isInstanceOf(AccessDeniedException.class);
        jdbc.sql("delete from ticket_sla_policy where category = 'PREVENTION' and not exists "
                        + "(select 1 from ticket where sla_policy_id = ticket_sla_policy.id)")
                .update();
    }

    @Test
    void aPolicyOnTheWorkingCalendarSkipsNightsAndHolidays() {
        rules.savePolicy(
                actor("city"),
                new TicketRules.PolicyChange(
                        null, TicketCategory.POLICY, TicketPriority.URGENT, 60, false, 120, 480, 80, 240, true));
        var policy = policies.match(TicketCategory.POLICY, TicketPriority.URGENT);
        assertThat(policy.calendar()).isNotNull();
        LocalDate monday = LocalDate.of(2030, 1, 7);
        rules.addHoliday(actor("city"), monday, "Test holiday");
        try {
            var calendar =
                    policies.match(TicketCategory.POLICY, TicketPriority.URGENT).calendar();
            assertThat(calendar.workingDay(monday)).isFalse();
            var fridayEvening = monday.minusDays(3)
                    .atTime(17, 0)
                    .atZone(ZoneId.of("Asia/Shanghai"))
                    .toInstant();
            var due = SlaClock.due(
                    policies.match(TicketCategory.POLICY, TicketPriority.URGENT),
                    fridayEvening,
                    false,
                    Duration.ZERO,
                    ZoneId.of("Asia/Shanghai"));
            // Half an hour on Friday, the holiday Monday skipped, the rest on Tuesday morning.
            assertThat(due.firstResponse())
                    .isEqualTo(monday.plusDays(1)
                            .atTime(9, 0)
                            .atZone(ZoneId.of("Asia/Shanghai"))
                            .toInstant());
        } finally {
            rules.removeHoliday(actor("city"), monday);
        }
        assertThatThrownBy(() -> rules.addHoliday(actor("haishu"), monday, "x"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
