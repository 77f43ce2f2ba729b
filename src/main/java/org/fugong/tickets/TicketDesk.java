package org.fugong.tickets;

import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ticket desk: filing (online, by the hotline, from a visit), the handler's steps (respond,
 * ask the enterprise, transfer, mark difficult, resolve), the enterprise's (reply, confirm,
 * reopen) and the follow-up call. Each step checks who may take it, refuses a stale version,
 * keeps the SLA clock right, and writes the timeline, the notifications and the audit trail in
 * one transaction.
 */
@Service
public class TicketDesk {

    static final String SELECT = """
            select t.*, e.name as enterprise_name from ticket t join enterprise e on e.id = t.enterprise_id""";
    static final RowMapper<Ticket> TICKET = (rs, n) -> new Ticket(rs.getObject("id", UUID.class), rs.getLong("number"),
            rs.getObject("enterprise_id", UUID.class), rs.getString("enterprise_name"), rs.getString("district_code"),
            TicketCategory.valueOf(rs.getString("category")), TicketPriority.valueOf(rs.getString("priority")),
            TicketChannel.valueOf(rs.getString("channel")), rs.getString("title"), rs.getString("description"),
            TicketStatus.valueOf(rs.getString("status")), rs.getString("unit_code"), rs.getBoolean("difficult"),
            rs.getString("filed_by"), instant(rs.getTimestamp("filed_at")), rs.getLong("sla_policy_id"),
            instant(rs.getTimestamp("sla_started_at")), instant(rs.getTimestamp("first_response_due")),
            instant(rs.getTimestamp("first_responded_at")), rs.getBoolean("first_response_late"),
            instant(rs.getTimestamp("solution_due")), instant(rs.getTimestamp("warning_at")),
            instant(rs.getTimestamp("paused_at")), rs.getLong("paused_seconds"), rs.getInt("escalation_level"),
            rs.getBoolean("escalated"), instant(rs.getTimestamp("next_escalation_at")), rs.getString("resolution"),
            instant(rs.getTimestamp("resolved_at")), (Boolean) rs.getObject("resolved_late"),
            (Boolean) rs.getObject("satisfied"), instant(rs.getTimestamp("closed_at")),
            rs.getObject("common_issue_id", UUID.class), rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name"),
            rs.getLong("version"));

    /** What a ticket is filed with. {@code resolution} only with {@code solvedOnSpot} (a commissioner's visit). */
    public record NewTicket(UUID enterpriseId, TicketCategory category, TicketPriority priority, String title,
                            String description, boolean solvedOnSpot, @Nullable String resolution) {
    }

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final Routing routing;
    private final SlaPolicies policies;
    private final TicketUnits units;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;

    TicketDesk(JdbcClient jdbc, EnterpriseDirectory enterprises, Routing routing, SlaPolicies policies, TicketUnits units,
               Notifications notifications, AuditTrail audit, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.routing = routing;
        this.policies = policies;
        this.units = units;
        this.notifications = notifications;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /** The ticket, if the actor may see it: 404 if there is none, 403 if it is not theirs to see. */
    @Transactional(readOnly = true)
    public Ticket get(Actor actor, Scope scope, UUID id) {
        Ticket ticket = find(id).orElseThrow(() -> new TicketNotFoundException(id));
        if (!visible(actor, scope, ticket)) {
            throw new AccessDeniedException("Not this actor's ticket");
        }
        return ticket;
    }

    @Transactional(readOnly = true)
    public List<TicketEvent> timeline(Actor actor, Scope scope, UUID id) {
        get(actor, scope, id);
        return jdbc.sql("select * from ticket_event where ticket_id = ? order by id").param(id)
                .query((rs, n) -> new TicketEvent(rs.getLong("id"), instant(rs.getTimestamp("at")), rs.getString("actor_name"),
                        rs.getString("kind"), rs.getString("unit_code"),
                        rs.getString("from_status") == null ? null : TicketStatus.valueOf(rs.getString("from_status")),
                        rs.getString("to_status") == null ? null : TicketStatus.valueOf(rs.getString("to_status")),
                        rs.getString("text")))
                .list();
    }

    /** Whether the actor sees the ticket: its district, its unit, its enterprises, or the whole city. */
    public boolean visible(Actor actor, Scope scope, Ticket ticket) {
        return switch (actor.role()) {
            case CITY_OFFICIAL -> true;
            case DISTRICT_OFFICIAL -> ticket.districtCode().equals(actor.districtCode())
                    || units.unitOf(actor).map(ticket.unitCode()::equals).orElse(false);
            case DEPARTMENT_OFFICER -> units.unitOf(actor).map(ticket.unitCode()::equals).orElse(false);
            case COMMISSIONER, ENTERPRISE -> scope.permits(ticket.districtCode(), ticket.enterpriseId());
            case GATE_CHECKER -> false;
        };
    }

    /** Whether the actor works the ticket: its handling unit, or the command center. */
    public boolean handles(Actor actor, Ticket ticket) {
        return actor.hasRole(Role.CITY_OFFICIAL) || units.unitOf(actor).map(ticket.unitCode()::equals).orElse(false);
    }

    /** Whether the actor may record the follow-up call: the handler, or the ticket's district, or the city. */
    public boolean callsBack(Actor actor, Ticket ticket) {
        return handles(actor, ticket) || (actor.hasRole(Role.DISTRICT_OFFICIAL) && ticket.districtCode().equals(actor.districtCode()));
    }

    public static boolean owns(Actor actor, Ticket ticket) {
        return actor.hasRole(Role.ENTERPRISE) && ticket.enterpriseId().equals(actor.enterpriseId());
    }

    // ------------------------------------------------------------------ filing

    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input) {
        TicketChannel channel = switch (actor.role()) {
            case ENTERPRISE -> TicketChannel.ONLINE;
            case COMMISSIONER -> TicketChannel.VISIT;
            case CITY_OFFICIAL, DISTRICT_OFFICIAL -> TicketChannel.HOTLINE;
            default -> throw new AccessDeniedException("This role does not file tickets");
        };
        return file(actor, scope, input, channel);
    }

    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input, TicketChannel channel) {
        return file(actor, scope, input, channel, clock.instant());
    }

    /**
     * Files a ticket received earlier (a hotline system passing on its calls, with the time each was
     * received): the clock starts then, not now. At most 30 days back, never in the future.
     */
    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input, TicketChannel channel, Instant receivedAt) {
        if (actor.hasRole(Role.DEPARTMENT_OFFICER) || actor.hasRole(Role.GATE_CHECKER)) {
            throw new AccessDeniedException("This role does not file tickets");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String title = input.title() == null ? "" : input.title().trim();
        String description = input.description() == null ? "" : input.description().trim();
        if (title.isEmpty() || title.length() > 200) {
            problems.put("title", "ticket.error.title");
        }
        if (description.isEmpty() || description.length() > 4000) {
            problems.put("description", "ticket.error.description");
        }
        if (input.solvedOnSpot()) {
            if (!actor.hasRole(Role.COMMISSIONER)) {
                throw new AccessDeniedException("Only a commissioner settles a problem on the spot");
            }
            if (input.resolution() == null || input.resolution().isBlank()) {
                problems.put("resolution", "ticket.error.resolution");
            }
        }
        EnterpriseSummary enterprise = enterprises.get(scope, input.enterpriseId());
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems);
        }
        Instant now = receivedAt;
        if (now.isAfter(clock.instant()) || now.isBefore(clock.instant().minus(Duration.ofDays(30)))) {
            throw new InvalidTicketException(Map.of("receivedAt", "ticket.error.receivedAt"));
        }
        String unit = routing.route(input.category(), enterprise.districtCode());
        SlaPolicy policy = policies.match(input.category(), input.priority());
        SlaClock.Due due = SlaClock.due(policy, now, false, Duration.ZERO, times.zone());
        SlaClock.State state = new SlaClock.State(false, false, 0, due.firstResponse(), due.warning(), due.solution(),
                policy.supervisionAfter(), false);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into ticket (id, enterprise_id, district_code, category, priority, channel, title, description,
                                            status, unit_code, filed_by, filed_at, sla_policy_id, sla_started_at,
                                            first_response_due, solution_due, warning_at, next_escalation_at, updated_at)
                        values (:id, :enterprise, :district, :category, :priority, :channel, :title, :description, 'NEW',
                                :unit, :by, :now, :policy, :now, :first, :solution, :warning, :next, :now)""")
                .param("id", id).param("enterprise", enterprise.id()).param("district", enterprise.districtCode())
                .param("category", input.category().name()).param("priority", input.priority().name())
                .param("channel", channel.name()).param("title", title).param("description", description)
                .param("unit", unit).param("by", actor.displayName()).param("now", Timestamp.from(now))
                .param("policy", policy.id()).param("first", Timestamp.from(due.firstResponse()))
                .param("solution", Timestamp.from(due.solution())).param("warning", Timestamp.from(due.warning()))
                .param("next", timestamp(SlaClock.next(state)))
                .update();
        Ticket ticket = find(id).orElseThrow();
        event(ticket, now, actor.displayName(), "FILED", null, TicketStatus.NEW, channel.name());
        event(ticket, now, actor.displayName(), "ROUTED", null, null, unit);
        notifications.toUnit(unit, id, "ASSIGNED", label(ticket));
        audit(actor, ticket, "TICKET_FILED", null);
        if (input.solvedOnSpot()) {
            return resolve(actor, ticket, input.resolution().trim(), "SOLVED_ON_SPOT");
        }
        return ticket;
    }

    // ------------------------------------------------------------------ the handler

    /** The handler answers (the first answer is the first response) and works on it. */
    @Transactional
    public Ticket respond(Actor actor, Scope scope, UUID id, long version, @Nullable String text) {
        Ticket before = handled(actor, scope, id, version);
        requireOpen(before);
        String note = required(text, "text");
        Instant now = clock.instant();
        Map<String, Object> sets = new LinkedHashMap<>();
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(now));
        }
        Ticket after = update(before, before.status() == TicketStatus.NEW ? TicketStatus.IN_PROGRESS : before.status(), sets,
                true);
        event(after, actor.displayName(), "RESPONDED", before.status(), after.status(), note);
        if (!TicketDesk.owns(actor, after)) {
            notifications.toEnterprise(after.enterpriseId(), id, "RESPONDED", label(after));
        }
        audit(actor, after, "TICKET_RESPONDED", before);
        return after;
    }

    /** An official of the handling unit takes the ticket: it is in his own queue from now on. */
    @Transactional
    public Ticket take(Actor actor, Scope scope, UUID id, long version) {
        Ticket before = handled(actor, scope, id, version);
        requireOpen(before);
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("assignee_id", actor.id());
        sets.put("assignee_name", actor.displayName());
        Ticket after = update(before, before.status(), sets, false);
        event(after, actor.displayName(), "TAKEN", null, null, null);
        audit(actor, after, "TICKET_TAKEN", before);
        return after;
    }

    /** The handler needs something from the enterprise: the clock stops until it answers. */
    @Transactional
    public Ticket askEnterprise(Actor actor, Scope scope, UUID id, long version, @Nullable String question) {
        Ticket before = handled(actor, scope, id, version);
        if (before.status() != TicketStatus.NEW && before.status() != TicketStatus.IN_PROGRESS) {
            throw new TicketStateException("ticket.error.notWorkable");
        }
        String text = required(question, "text");
        Instant now = clock.instant();
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("paused_at", Timestamp.from(now));
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(now));
        }
        Ticket after = update(before, TicketStatus.WAITING_FOR_ENTERPRISE, sets, true);
        event(after, actor.displayName(), "WAITING", before.status(), after.status(), text);
        notifications.toEnterprise(after.enterpriseId(), id, "QUESTION", label(after));
        audit(actor, after, "TICKET_WAITING", before);
        return after;
    }

    /** Sends the ticket to another unit, with the reason; the clock runs on. */
    @Transactional
    public Ticket transfer(Actor actor, Scope scope, UUID id, long version, String unitCode, @Nullable String reason) {
        Ticket before = handled(actor, scope, id, version);
        requireOpen(before);
        String why = required(reason, "reason");
        if (units.find(unitCode).isEmpty() || unitCode.equals(before.unitCode())) {
            throw new InvalidTicketException(Map.of("unit", "ticket.error.unit"));
        }
        Map<String, Object> moved = new LinkedHashMap<>();
        moved.put("unit_code", unitCode);
        moved.put("assignee_id", null);
        moved.put("assignee_name", null);
        Ticket after = update(before, before.status(), moved, false);
        event(after, actor.displayName(), "TRANSFERRED", null, null, before.unitCode() + " → " + unitCode + " · " + why);
        notifications.toUnit(unitCode, id, "ASSIGNED", label(after));
        audit(actor, after, "TICKET_TRANSFERRED", before);
        return after;
    }

    /** The handler marks the problem difficult: the solution time becomes the difficult one. */
    @Transactional
    public Ticket markDifficult(Actor actor, Scope scope, UUID id, long version, @Nullable String reason) {
        Ticket before = handled(actor, scope, id, version);
        requireOpen(before);
        String why = required(reason, "reason");
        if (before.difficult()) {
            throw new TicketStateException("ticket.error.alreadyDifficult");
        }
        SlaPolicy policy = policies.get(before.slaPolicyId());
        SlaClock.Due due = SlaClock.due(policy, before.slaStartedAt(), true, Duration.ofSeconds(before.pausedSeconds()),
                times.zone());
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("difficult", true);
        sets.put("solution_due", Timestamp.from(due.solution()));
        sets.put("warning_at", Timestamp.from(due.warning()));
        // A warning given for the shorter time is taken back if the longer one is not near yet; a breach stays.
        if (before.escalationLevel() == 1 && due.warning().isAfter(clock.instant())) {
            sets.put("escalation_level", 0);
        }
        Ticket after = update(before, before.status(), sets, true);
        event(after, actor.displayName(), "DIFFICULT", null, null, why);
        audit(actor, after, "TICKET_DIFFICULT", before);
        return after;
    }

    /** The handler writes the resolution; the enterprise is told and confirms or reopens. */
    @Transactional
    public Ticket resolve(Actor actor, Scope scope, UUID id, long version, @Nullable String resolution) {
        Ticket before = handled(actor, scope, id, version);
        requireOpen(before);
        return resolve(actor, before, required(resolution, "resolution"), "RESOLVED");
    }

    /** A common issue's answer resolves one of its tickets (the caller holds the lock and checked the rights). */
    Ticket resolveForIssue(Actor actor, Ticket ticket, String answer) {
        return resolve(actor, ticket, answer, "RESOLVED_BY_COMMON_ISSUE");
    }

    private Ticket resolve(Actor actor, Ticket before, String resolution, String kind) {
        Instant now = clock.instant();
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("resolution", resolution);
        sets.put("resolved_at", Timestamp.from(now));
        sets.put("resolved_late", before.paused() ? false : now.isAfter(before.solutionDue()));
        sets.put("paused_at", null);
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(now));
        }
        sets.put("next_escalation_at", null);
        Ticket after = update(before, TicketStatus.RESOLVED, sets, false);
        event(after, actor.displayName(), kind, before.status(), after.status(), resolution);
        notifications.toEnterprise(after.enterpriseId(), after.id(), "RESOLVED", label(after));
        audit(actor, after, "TICKET_" + kind, before);
        return after;
    }

    // ------------------------------------------------------------------ the enterprise

    /** The enterprise answers the handler's question: the clock runs again, every due time moved by the pause. */
    @Transactional
    public Ticket reply(Actor actor, Scope scope, UUID id, long version, @Nullable String text) {
        Ticket before = owned(actor, scope, id, version);
        if (before.status() != TicketStatus.WAITING_FOR_ENTERPRISE || before.pausedAt() == null) {
            throw new TicketStateException("ticket.error.notWaiting");
        }
        String answer = required(text, "text");
        Instant now = clock.instant();
        Duration pause = Duration.between(before.pausedAt(), now);
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("paused_at", null);
        sets.put("paused_seconds", before.pausedSeconds() + pause.toSeconds());
        sets.put("first_response_due", Timestamp.from(before.firstResponseDue().plus(pause)));
        sets.put("solution_due", Timestamp.from(before.solutionDue().plus(pause)));
        sets.put("warning_at", Timestamp.from(before.warningAt().plus(pause)));
        Ticket after = update(before, TicketStatus.IN_PROGRESS, sets, true);
        event(after, actor.displayName(), "RESUMED", before.status(), after.status(), answer);
        notifications.toUnit(after.unitCode(), id, "ANSWERED", label(after));
        audit(actor, after, "TICKET_RESUMED", before);
        return after;
    }

    /** The enterprise confirms the problem is solved; the follow-up call closes it. */
    @Transactional
    public Ticket confirm(Actor actor, Scope scope, UUID id, long version) {
        Ticket before = owned(actor, scope, id, version);
        if (before.status() != TicketStatus.RESOLVED) {
            throw new TicketStateException("ticket.error.notResolved");
        }
        Ticket after = update(before, TicketStatus.CONFIRMED, Map.of(), false);
        event(after, actor.displayName(), "CONFIRMED", before.status(), after.status(), null);
        notifications.toUnit(after.unitCode(), id, "CONFIRMED", label(after));
        audit(actor, after, "TICKET_CONFIRMED", before);
        return after;
    }

    /** The enterprise says it is not solved: back to the handler with a new solution clock. */
    @Transactional
    public Ticket reopen(Actor actor, Scope scope, UUID id, long version, @Nullable String reason) {
        Ticket before = owned(actor, scope, id, version);
        if (before.status() != TicketStatus.RESOLVED && before.status() != TicketStatus.CONFIRMED) {
            throw new TicketStateException("ticket.error.notResolved");
        }
        return restart(actor, before, required(reason, "reason"), "REOPENED", null);
    }

    /**
     * The follow-up call: satisfied closes the ticket; not satisfied reopens it. Either way the
     * satisfaction is kept for the statistics.
     */
    @Transactional
    public Ticket followUp(Actor actor, Scope scope, UUID id, long version, boolean satisfied, @Nullable String note) {
        Ticket peek = find(id).orElseThrow(() -> new TicketNotFoundException(id));
        if (!visible(actor, scope, peek) || !callsBack(actor, peek)) {
            throw new AccessDeniedException("Not this actor's follow-up call");
        }
        Ticket before = locked(id, version);
        if (before.status() != TicketStatus.RESOLVED && before.status() != TicketStatus.CONFIRMED) {
            throw new TicketStateException("ticket.error.notResolved");
        }
        String text = note == null || note.isBlank() ? null : note.trim();
        if (!satisfied) {
            return restart(actor, before, text == null ? "—" : text, "FOLLOW_UP_UNSATISFIED", false);
        }
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("satisfied", true);
        sets.put("closed_at", Timestamp.from(clock.instant()));
        Ticket after = update(before, TicketStatus.CLOSED, sets, false);
        event(after, actor.displayName(), "FOLLOW_UP_SATISFIED", before.status(), after.status(), text);
        audit(actor, after, "TICKET_CLOSED", before);
        return after;
    }

    private Ticket restart(Actor actor, Ticket before, String reason, String kind, @Nullable Boolean satisfied) {
        Instant now = clock.instant();
        SlaPolicy policy = policies.get(before.slaPolicyId());
        SlaClock.Due due = SlaClock.due(policy, now, before.difficult(), Duration.ZERO, times.zone());
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("sla_started_at", Timestamp.from(now));
        sets.put("paused_seconds", 0L);
        sets.put("paused_at", null);
        sets.put("solution_due", Timestamp.from(due.solution()));
        sets.put("warning_at", Timestamp.from(due.warning()));
        sets.put("escalation_level", 0);
        sets.put("resolved_at", null);
        sets.put("resolved_late", null);
        sets.put("resolution", null);
        if (satisfied != null) {
            sets.put("satisfied", satisfied);
        }
        Ticket after = update(before, TicketStatus.IN_PROGRESS, sets, true);
        event(after, actor.displayName(), kind, before.status(), after.status(), reason);
        notifications.toUnit(after.unitCode(), after.id(), "REOPENED", label(after));
        audit(actor, after, "TICKET_" + kind, before);
        return after;
    }

    // ------------------------------------------------------------------ internals

    Optional<Ticket> find(UUID id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(TICKET).optional();
    }

    private Ticket locked(UUID id, long version) {
        Ticket ticket = jdbc.sql(SELECT + " where t.id = ? for update of t").param(id).query(TICKET).optional()
                .orElseThrow(() -> new TicketNotFoundException(id));
        if (ticket.version() != version) {
            throw new StaleTicketException();
        }
        return ticket;
    }

    private Ticket handled(Actor actor, Scope scope, UUID id, long version) {
        Ticket peek = find(id).orElseThrow(() -> new TicketNotFoundException(id));
        if (!visible(actor, scope, peek) || !handles(actor, peek)) {
            throw new AccessDeniedException("Not this actor's ticket to handle");
        }
        return locked(id, version);
    }

    private Ticket owned(Actor actor, Scope scope, UUID id, long version) {
        Ticket peek = find(id).orElseThrow(() -> new TicketNotFoundException(id));
        if (!visible(actor, scope, peek) || !owns(actor, peek)) {
            throw new AccessDeniedException("Not this enterprise's ticket");
        }
        return locked(id, version);
    }

    private static void requireOpen(Ticket ticket) {
        if (!ticket.status().open()) {
            throw new TicketStateException("ticket.error.notOpen");
        }
    }

    private static String required(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidTicketException(Map.of(field, "ticket.error.required"));
        }
        if (text.length() > 4000) {
            throw new InvalidTicketException(Map.of(field, "ticket.error.tooLong"));
        }
        return text.trim();
    }

    /**
     * Moves the ticket (at its version) to a status with column changes; with {@code clock} the
     * sweep's next moment is computed again from the ticket as it now stands.
     */
    private Ticket update(Ticket before, TicketStatus to, Map<String, Object> sets, boolean clockChanged) {
        StringBuilder sql = new StringBuilder("update ticket set status = :status, updated_at = :now, version = version + 1");
        Map<String, Object> params = new LinkedHashMap<>();
        sets.forEach((column, value) -> {
            sql.append(", ").append(column).append(" = :").append(column);
            params.put(column, value);
        });
        params.put("status", to.name());
        params.put("now", Timestamp.from(clock.instant()));
        params.put("id", before.id());
        params.put("version", before.version());
        if (jdbc.sql(sql + " where id = :id and version = :version").params(params).update() == 0) {
            throw new StaleTicketException();
        }
        Ticket after = find(before.id()).orElseThrow();
        if (clockChanged) {
            Instant next = after.status().open() ? SlaClock.next(TicketSweep.state(after, policies.get(after.slaPolicyId())))
                    : null;
            jdbc.sql("update ticket set next_escalation_at = ? where id = ?").params(timestamp(next), after.id()).update();
            after = find(before.id()).orElseThrow();
        }
        return after;
    }

    void event(Ticket ticket, String actorName, String kind, @Nullable TicketStatus from, @Nullable TicketStatus to,
               @Nullable String text) {
        event(ticket, clock.instant(), actorName, kind, from, to, text);
    }

    private void event(Ticket ticket, Instant at, String actorName, String kind, @Nullable TicketStatus from,
                       @Nullable TicketStatus to, @Nullable String text) {
        jdbc.sql("""
                        insert into ticket_event (ticket_id, at, actor_name, kind, unit_code, from_status, to_status, text)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticket.id(), Timestamp.from(at), actorName, kind, ticket.unitCode(),
                        from == null ? null : from.name(), to == null ? null : to.name(), text)
                .update();
    }

    static String label(Ticket ticket) {
        return "#" + ticket.number() + " " + ticket.title();
    }

    private void audit(Actor actor, Ticket after, String action, @Nullable Ticket before) {
        audit.recordAs(actor.getUsername(), actor.isSystem() ? null : actor.role().name(),
                AuditEntry.of("tickets", "Ticket", after.id(), action)
                        .change(before == null ? null : state(before), state(after))
                        .owner(after.districtCode(), after.enterpriseId()));
    }

    static Map<String, Object> state(Ticket t) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", t.status().name());
        state.put("unit", t.unitCode());
        state.put("category", t.category().name());
        state.put("priority", t.priority().name());
        state.put("difficult", t.difficult());
        state.put("solutionDue", t.solutionDue().toString());
        state.put("escalationLevel", t.escalationLevel());
        state.put("resolution", t.resolution());
        state.put("satisfied", t.satisfied());
        return state;
    }

    static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
