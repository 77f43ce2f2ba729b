package org.fugong.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.TicketStore;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Common issues (共性问题): officials group similar tickets under one issue handled by a task force
 * (a unit); one answer then resolves every open ticket of the issue, each enterprise notified and
 * each ticket still confirmed and called back on its own.
 */
@Service
public class CommonIssues {

    public record CommonIssue(
            UUID id,
            String title,
            String description,
            String unitCode,
            String status,
            @Nullable String answer,
            String createdBy,
            Instant createdAt,
            @Nullable Instant resolvedAt,
            long version,
            long tickets,
            long openTickets) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    private static final RowMapper<CommonIssue> ISSUE = (rs, n) -> new CommonIssue(
            rs.getObject("id", UUID.class),
            rs.getString("title"),
            rs.getString("description"),
            rs.getString("unit_code"),
            rs.getString("status"),
            rs.getString("answer"),
            rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("resolved_at") == null
                    ? null
                    : rs.getTimestamp("resolved_at").toInstant(),
            rs.getLong("version"),
            rs.getLong("tickets"),
            rs.getLong("open_tickets"));
    private static final String SELECT = """
            select c.*, (select count(*) from ticket t where t.common_issue_id = c.id) as tickets,
                   (select count(*) from ticket t where t.common_issue_id = c.id
                      and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')) as open_tickets
            from ticket_common_issue c""";

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final TicketDesk desk;
    private final TicketHandling handling;
    private final TicketUnits units;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;

    CommonIssues(
            JdbcClient jdbc,
            TicketStore store,
            TicketDesk desk,
            TicketHandling handling,
            TicketUnits units,
            Notifications notifications,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.desk = desk;
        this.handling = handling;
        this.units = units;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the reader works on common issues: the city, and the units that handle tickets. */
    public static boolean works(Scope scope) {
        return scope.isCity() || scope.unitCode() != null;
    }

    @Transactional(readOnly = true)
    public List<CommonIssue> list(Scope scope) {
        requireWorker(scope);
        return jdbc.sql(SELECT + " order by c.status, c.created_at desc limit 200")
                .query(ISSUE)
                .list();
    }

    @Transactional(readOnly = true)
    public CommonIssue get(Scope scope, UUID id) {
        requireWorker(scope);
        return jdbc.sql(SELECT + " where c.id = ?")
                .param(id)
                .query(ISSUE)
                .optional()
                .orElseThrow(() -> new NotFoundException("common issue", id));
    }

    /** The issue's tickets that the actor may see. */
    @Transactional(readOnly = true)
    public List<Ticket> tickets(Scope scope, UUID id) {
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("issue", id);
        return store.where("t.common_issue_id = :issue and " + visible.sql(), "order by t.filed_at", params);
    }

    /** Opens a common issue for a task force, starting with one ticket the actor handles. */
    @Transactional
    public CommonIssue open(
            Actor actor, Scope scope, String title, String description, String unitCode, UUID firstTicket) {
        requireWorker(scope);
        Map<String, String> problems = new LinkedHashMap<>();
        if (title == null || title.isBlank() || title.length() > 200) {
            problems.put("title", "ticket.error.title");
        }
        if (description == null || description.isBlank() || description.length() > 4000) {
            problems.put("description", "ticket.error.description");
        }
        if (units.find(unitCode).isEmpty()) {
            problems.put("unit", "ticket.error.unit");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into ticket_common_issue (id, title, description, unit_code, status, created_by, created_at)
                        values (?, ?, ?, ?, 'OPEN', ?, ?)""")
                .params(
                        id,
                        title.trim(),
                        description.trim(),
                        unitCode,
                        actor.displayName(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("tickets", "CommonIssue", id, "COMMON_ISSUE_OPENED")
                        .change(null, Map.of("title", title.trim(), "unit", unitCode)));
        add(actor, scope, id, firstTicket);
        return get(scope, id);
    }

    /** Adds a ticket the actor handles (and can see) to an open issue; it is marked on its timeline. */
    @Transactional
    public void add(Actor actor, Scope scope, UUID issueId, UUID ticketId) {
        CommonIssue issue = get(scope, issueId);
        if (!issue.open()) {
            throw new RefusedChangeException("ticket.error.issueClosed");
        }
        Ticket ticket = desk.get(scope, ticketId);
        if (!TicketHandling.handles(scope, ticket)) {
            throw new AccessDeniedException("Not this actor's ticket to group");
        }
        if (!ticket.status().open()) {
            throw new RefusedChangeException("ticket.error.notOpen");
        }
        if (ticketId.equals(ticket.id()) && issueId.equals(ticket.commonIssueId())) {
            return;
        }
        jdbc.sql("update ticket set common_issue_id = ?, version = version + 1 where id = ?")
                .params(issueId, ticketId)
                .update();
        store.event(ticket, actor.displayName(), "GROUPED", null, null, issue.title());
        notifications.toUnit(issue.unitCode(), ticketId, "GROUPED", TicketStore.label(ticket));
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("tickets", "Ticket", ticketId, "TICKET_GROUPED")
                        .change(null, Map.of("commonIssue", issueId.toString()))
                        .owner(ticket.districtCode(), ticket.enterpriseId()));
    }

    /**
     * One answer for the whole issue: every open ticket of it is resolved with the answer, each
     * enterprise told; they confirm or reopen each on their own. The task force and the city answer.
     */
    @Transactional
    public int resolve(Actor actor, Scope scope, UUID issueId, long version, @Nullable String answer) {
        CommonIssue issue = get(scope, issueId);
        if (!scope.handles(issue.unitCode())) {
            throw new AccessDeniedException("Only the task force answers its issue");
        }
        if (answer == null || answer.isBlank()) {
            throw new InvalidInputException(Map.of("answer", "ticket.error.required"));
        }
        int changed = jdbc.sql("""
                        update ticket_common_issue set status = 'RESOLVED', answer = ?, resolved_at = ?, version = version + 1
                        where id = ? and version = ? and status = 'OPEN'""")
                .params(answer.trim(), Timestamp.from(clock.instant()), issueId, version)
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        List<Ticket> open = store.where(
                "t.common_issue_id = :issue and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')",
                "order by t.filed_at for update of t",
                Map.of("issue", issueId));
        for (Ticket ticket : open) {
            handling.resolveForIssue(actor, ticket, answer.trim());
        }
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("tickets", "CommonIssue", issueId, "COMMON_ISSUE_RESOLVED")
                        .change(null, Map.of("answer", answer.trim(), "tickets", open.size())));
        return open.size();
    }

    private static void requireWorker(Scope scope) {
        if (!works(scope)) {
            throw new AccessDeniedException("Common issues are for the units that handle tickets");
        }
    }
}
