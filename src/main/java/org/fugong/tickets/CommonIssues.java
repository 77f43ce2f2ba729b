package org.fugong.tickets;

import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Common issues (共性问题): officials group similar tickets under one issue handled by a task force
 * (a unit); one answer then resolves every open ticket of the issue, each enterprise notified and
 * each ticket still confirmed and called back on its own.
 */
@Service
public class CommonIssues {

    public record CommonIssue(UUID id, String title, String description, String unitCode, String status,
                              @Nullable String answer, String createdBy, Instant createdAt, @Nullable Instant resolvedAt,
                              long version, long tickets, long openTickets) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    private static final RowMapper<CommonIssue> ISSUE = (rs, n) -> new CommonIssue(rs.getObject("id", UUID.class),
            rs.getString("title"), rs.getString("description"), rs.getString("unit_code"), rs.getString("status"),
            rs.getString("answer"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
            rs.getLong("version"), rs.getLong("tickets"), rs.getLong("open_tickets"));
    private static final String SELECT = """
            select c.*, (select count(*) from ticket t where t.common_issue_id = c.id) as tickets,
                   (select count(*) from ticket t where t.common_issue_id = c.id
                      and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')) as open_tickets
            from ticket_common_issue c""";

    private final JdbcClient jdbc;
    private final TicketDesk desk;
    private final TicketUnits units;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;

    CommonIssues(JdbcClient jdbc, TicketDesk desk, TicketUnits units, Notifications notifications, AuditTrail audit,
                 Clock clock) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.units = units;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the actor works on common issues: the city, and the units that handle tickets. */
    public boolean works(Actor actor) {
        return actor.hasRole(Role.CITY_OFFICIAL) || units.unitOf(actor).isPresent();
    }

    @Transactional(readOnly = true)
    public List<CommonIssue> list(Actor actor) {
        requireWorker(actor);
        return jdbc.sql(SELECT + " order by c.status, c.created_at desc limit 200").query(ISSUE).list();
    }

    @Transactional(readOnly = true)
    public CommonIssue get(Actor actor, UUID id) {
        requireWorker(actor);
        return jdbc.sql(SELECT + " where c.id = ?").param(id).query(ISSUE).optional()
                .orElseThrow(() -> new TicketNotFoundException(id));
    }

    /** The issue's tickets that the actor may see. */
    @Transactional(readOnly = true)
    public List<Ticket> tickets(Actor actor, Scope scope, UUID id) {
        return jdbc.sql(TicketDesk.SELECT + " where t.common_issue_id = ? order by t.filed_at").param(id)
                .query(TicketDesk.TICKET).list().stream().filter(t -> desk.visible(actor, scope, t)).toList();
    }

    /** Opens a common issue for a task force, starting with one ticket the actor handles. */
    @Transactional
    public CommonIssue open(Actor actor, Scope scope, String title, String description, String unitCode, UUID firstTicket) {
        requireWorker(actor);
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
            throw new InvalidTicketException(problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into ticket_common_issue (id, title, description, unit_code, status, created_by, created_at)
                        values (?, ?, ?, ?, 'OPEN', ?, ?)""")
                .params(id, title.trim(), description.trim(), unitCode, actor.displayName(), Timestamp.from(clock.instant()))
                .update();
        audit.recordAs(actor.getUsername(), actor.role().name(), AuditEntry.of("tickets", "CommonIssue", id, "COMMON_ISSUE_OPENED")
                .change(null, Map.of("title", title.trim(), "unit", unitCode)));
        add(actor, scope, id, firstTicket);
        return get(actor, id);
    }

    /** Adds a ticket the actor handles (and can see) to an open issue; it is marked on its timeline. */
    @Transactional
    public void add(Actor actor, Scope scope, UUID issueId, UUID ticketId) {
        CommonIssue issue = get(actor, issueId);
        if (!issue.open()) {
            throw new TicketStateException("ticket.error.issueClosed");
        }
        Ticket ticket = desk.get(actor, scope, ticketId);
        if (!desk.handles(actor, ticket)) {
            throw new AccessDeniedException("Not this actor's ticket to group");
        }
        if (!ticket.status().open()) {
            throw new TicketStateException("ticket.error.notOpen");
        }
        if (ticketId.equals(ticket.id()) && issueId.equals(ticket.commonIssueId())) {
            return;
        }
        jdbc.sql("update ticket set common_issue_id = ?, version = version + 1 where id = ?").params(issueId, ticketId).update();
        desk.event(ticket, actor.displayName(), "GROUPED", null, null, issue.title());
        notifications.toUnit(issue.unitCode(), ticketId, "GROUPED", TicketDesk.label(ticket));
        audit.recordAs(actor.getUsername(), actor.role().name(), AuditEntry.of("tickets", "Ticket", ticketId, "TICKET_GROUPED")
                .change(null, Map.of("commonIssue", issueId.toString())).owner(ticket.districtCode(), ticket.enterpriseId()));
    }

    /**
     * One answer for the whole issue: every open ticket of it is resolved with the answer, each
     * enterprise told; they confirm or reopen each on their own. The task force and the city answer.
     */
    @Transactional
    public int resolve(Actor actor, UUID issueId, long version, @Nullable String answer) {
        CommonIssue issue = get(actor, issueId);
        if (!actor.hasRole(Role.CITY_OFFICIAL) && !units.unitOf(actor).map(issue.unitCode()::equals).orElse(false)) {
            throw new AccessDeniedException("Only the task force answers its issue");
        }
        if (answer == null || answer.isBlank()) {
            throw new InvalidTicketException(Map.of("answer", "ticket.error.required"));
        }
        int changed = jdbc.sql("""
                        update ticket_common_issue set status = 'RESOLVED', answer = ?, resolved_at = ?, version = version + 1
                        where id = ? and version = ? and status = 'OPEN'""")
                .params(answer.trim(), Timestamp.from(clock.instant()), issueId, version).update();
        if (changed == 0) {
            throw new StaleTicketException();
        }
        List<Ticket> open = jdbc.sql(TicketDesk.SELECT + " " + """
                 where t.common_issue_id = ? and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')
                 order by t.filed_at for update of t""").param(issueId).query(TicketDesk.TICKET).list();
        for (Ticket ticket : open) {
            desk.resolveForIssue(actor, ticket, answer.trim());
        }
        audit.recordAs(actor.getUsername(), actor.role().name(), AuditEntry.of("tickets", "CommonIssue", issueId,
                "COMMON_ISSUE_RESOLVED").change(null, Map.of("answer", answer.trim(), "tickets", open.size())));
        return open.size();
    }

    private void requireWorker(Actor actor) {
        if (!works(actor)) {
            throw new AccessDeniedException("Common issues are for the units that handle tickets");
        }
    }
}
