package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.tickets.internal.TicketEvent;
import org.fugong.tickets.internal.TicketQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Similar tickets grouped into a common issue; one answer resolves them all and tells each enterprise. */
class CommonIssueTests extends IntegrationTest {

    @Autowired
    CommonIssues issues;

    @Autowired
    TicketDesk desk;

    @Autowired
    TicketReplies replies;

    @Autowired
    TicketHandling handling;

    @Autowired
    TicketQueries queries;

    private Ticket labourProblem(String username) {
        Actor owner = actor(username);
        return desk.file(
                owner,
                Scope.enterprise(owner.enterpriseId()),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.LABOUR,
                        TicketPriority.NORMAL,
                        "外地员工返岗包车",
                        "员工滞留外省，需要包车返岗。",
                        false,
                        null));
    }

    @Test
    void oneAnswerResolvesEveryOpenTicketOfTheIssue() {
        Ticket haishu = labourProblem("ent-haishu");
        Ticket jiangbei = labourProblem("ent-jiangbei");
        Ticket another = labourProblem("ent-haishu");
        Actor labour = actor("labour");
        var issue = issues.open(labour, scope("labour"), "返岗包车", "多家企业员工滞留外省", "DEPT-LABOUR", haishu.id());
        issues.add(labour, scope("labour"), issue.id(), jiangbei.id());
        issues.add(labour, scope("labour"), issue.id(), another.id());
        // One of them is resolved on its own first: the answer leaves it as it is.
        Ticket early = desk.get(scope("labour"), another.id());
        handling.resolve(labour, scope("labour"), another.id(), early.version(), "Own bus arranged");
        assertThat(issues.get(scope("labour"), issue.id()).openTickets()).isEqualTo(2);

        // Enterprises and commissioners do not work on common issues; transport does not answer labour's.
        assertThatThrownBy(() -> issues.list(scope("ent-haishu"))).isInstanceOf(AccessDeniedException.class);
        var current = issues.get(scope("labour"), issue.id());
        assertThatThrownBy(() ->
                        issues.resolve(actor("transport"), scope("transport"), issue.id(), current.version(), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> issues.resolve(labour, scope("labour"), issue.id(), current.version() - 1, "x"))
                .isInstanceOf(StaleVersionException.class);

        int resolved = issues.resolve(labour, scope("labour"), issue.id(), current.version(), "周五起市人社局统一安排专列，企业报名即可。");
        assertThat(resolved).isEqualTo(2);
        for (Ticket t : List.of(haishu, jiangbei)) {
            Ticket after = desk.get(Scope.city(), t.id());
            assertThat(after.status()).isEqualTo(TicketStatus.RESOLVED);
            assertThat(after.resolution()).contains("专列");
            assertThat(queries.timeline(t.id()))
                    .extracting(TicketEvent::kind)
                    .contains("GROUPED", "RESOLVED_BY_COMMON_ISSUE");
            assertThat(jdbc.sql(
                                    "select count(*) from notification where recipient_kind = 'ENTERPRISE' and recipient = ? "
                                            + "and ticket_id = ? and kind = 'RESOLVED'")
                            .params(t.enterpriseId().toString(), t.id())
                            .query(Long.class)
                            .single())
                    .isOne();
        }
        assertThat(desk.get(Scope.city(), another.id()).resolution()).isEqualTo("Own bus arranged");
        assertThat(issues.get(scope("labour"), issue.id()).open()).isFalse();
        // Each enterprise still confirms its own.
        Actor owner = actor("ent-jiangbei");
        Ticket confirmed = replies.confirm(
                owner,
                Scope.enterprise(owner.enterpriseId()),
                jiangbei.id(),
                desk.get(Scope.enterprise(owner.enterpriseId()), jiangbei.id()).version());
        assertThat(confirmed.status()).isEqualTo(TicketStatus.CONFIRMED);
        assertThatThrownBy(() -> issues.add(
                        labour,
                        scope("labour"),
                        issue.id(),
                        labourProblem("ent-haishu").id()))
                .isInstanceOf(RefusedChangeException.class);
    }

    @Test
    void onlyTheHandlerGroupsATicket() {
        Ticket ticket = labourProblem("ent-haishu");
        assertThatThrownBy(() ->
                        issues.open(actor("transport"), scope("transport"), "x", "y", "DEPT-TRANSPORT", ticket.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> issues.open(actor("labour"), scope("labour"), " ", "y", "DEPT-LABOUR", ticket.id()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("title"));
    }
}
