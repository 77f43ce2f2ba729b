package org.fugong.tickets.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ticket rows, for the desk's services: read (columns mapped by name onto {@link Ticket}),
 * locked at the version a form saw, moved to a status the status allows with their SLA clock kept
 * right, and their timeline and audit entries written, all in the caller's transaction.
 */
@Component
public class TicketStore {

    private static final String SELECT = "select t.* from ticket t";

    private final JdbcClient jdbc;
    private final SlaPolicies policies;
    private final AuditTrail audit;
    private final Clock clock;

    TicketStore(JdbcClient jdbc, SlaPolicies policies, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Ticket> find(UUID id) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(id)
                .query(Ticket.class)
                .optional();
    }

    public Ticket get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("ticket", id));
    }

    /** Tickets matching a condition on {@code t}, in an order, with named parameters. */
    public List<Ticket> where(String condition, String orderAndLimit, Map<String, ?> parameters) {
        return jdbc.sql(SELECT + " where " + condition + " " + orderAndLimit)
                .params(parameters)
                .query(Ticket.class)
                .list();
    }

    /** The ticket locked for change, refused if it is not at the version the form saw. */
    public Ticket locked(UUID id, long version) {
        Ticket ticket = jdbc.sql(SELECT + " where t.id = ? for update of t")
                .param(id)
                .query(Ticket.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("ticket", id));
        if (ticket.version() != version) {
            throw new StaleVersionException();
        }
        return ticket;
    }

    /**
     * Moves the ticket (at its version) to a status its status allows, with column changes; with
     * {@code clockChanged} the sweep's next moment is computed again from the ticket as it now stands.
     */
    public Ticket update(Ticket before, TicketStatus to, Map<String, @Nullable Object> sets, boolean clockChanged) {
        if (to != before.status() && !before.status().canMoveTo(to)) {
            throw new RefusedChangeException("ticket.error.illegalMove");
        }
        StringBuilder sql =
                new StringBuilder("update ticket set status = :status, updated_at = :now, version = version + 1");
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        sets.forEach((column, value) -> {
            sql.append(", ").append(column).append(" = :").append(column);
            params.put(column, value);
        });
        params.put("status", to.name());
        params.put("now", Timestamp.from(clock.instant()));
        params.put("id", before.id());
        params.put("version", before.version());
        if (jdbc.sql(sql + " where id = :id and version = :version")
                        .params(params)
                        .update()
                == 0) {
            throw new StaleVersionException();
        }
        Ticket after = get(before.id());
        if (clockChanged) {
            Instant next =
                    after.status().open() ? SlaClock.next(clockState(after, policies.get(after.slaPolicyId()))) : null;
            jdbc.sql("update ticket set next_escalation_at = ? where id = ?")
                    .params(timestamp(next), after.id())
                    .update();
            after = get(before.id());
        }
        return after;
    }

    /** The ticket as the SLA clock sees it under its policy. */
    public static SlaClock.State clockState(Ticket t, SlaPolicy policy) {
        return new SlaClock.State(
                t.firstRespondedAt() != null,
                t.firstResponseLate(),
                t.escalationLevel(),
                t.firstResponseDue(),
                t.warningAt(),
                t.solutionDue(),
                policy.supervisionAfter(),
                t.paused());
    }

    /** A step on the ticket's timeline, now. */
    public void event(
            Ticket ticket,
            String actorName,
            String kind,
            @Nullable TicketStatus from,
            @Nullable TicketStatus to,
            @Nullable String text) {
        event(ticket, clock.instant(), actorName, kind, from, to, text);
    }

    public void event(
            Ticket ticket,
            Instant at,
            String actorName,
            String kind,
            @Nullable TicketStatus from,
            @Nullable TicketStatus to,
            @Nullable String text) {
        jdbc.sql("""
                        insert into ticket_event (ticket_id, at, actor_name, kind, unit_code, from_status, to_status, text)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket.id(),
                        Timestamp.from(at),
                        actorName,
                        kind,
                        ticket.unitCode(),
                        from == null ? null : from.name(),
                        to == null ? null : to.name(),
                        text)
                .update();
    }

    /** The audit entry of a step: the ticket's state before and after, owned by its district and enterprise. */
    public void audit(Actor actor, Ticket after, String action, @Nullable Ticket before) {
        audit.recordAs(
                actor.getUsername(),
                actor.isSystem() ? null : actor.role().name(),
                AuditEntry.of("tickets", "Ticket", after.id(), action)
                        .change(before == null ? null : state(before), state(after))
                        .owner(after.districtCode(), after.enterpriseId()));
    }

    /** How a ticket is named in notifications: its number and title. */
    public static String label(Ticket ticket) {
        return "#" + ticket.number() + " " + ticket.title();
    }

    public static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Map<String, @Nullable Object> state(Ticket t) {
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
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
}
