package org.fugong.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.Routing;
import org.fugong.tickets.internal.SlaClock;
import org.fugong.tickets.internal.SlaPolicies;
import org.fugong.tickets.internal.SlaPolicy;
import org.fugong.tickets.internal.TicketStore;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket desk receives problems — online from the enterprise, by the hotline for a caller, from
 * a commissioner's visit, through the API — routes each to the unit that settles it and starts its
 * SLA clock; and it gives a ticket to whoever may see it. The handler's steps are
 * {@link TicketHandling}'s, the enterprise's {@link TicketReplies}'. Model and flows: docs/tickets.md.
 */
@Service
public class TicketDesk {

    /** What a ticket is filed with. {@code resolution} only with {@code solvedOnSpot} (a commissioner's visit). */
    public record NewTicket(
            UUID enterpriseId,
            TicketCategory category,
            TicketPriority priority,
            String title,
            String description,
            boolean solvedOnSpot,
            @Nullable String resolution) {}

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final EnterpriseDirectory enterprises;
    private final Routing routing;
    private final SlaPolicies policies;
    private final Notifications notifications;
    private final TicketHandling handling;
    private final Times times;
    private final Clock clock;

    TicketDesk(
            JdbcClient jdbc,
            TicketStore store,
            EnterpriseDirectory enterprises,
            Routing routing,
            SlaPolicies policies,
            Notifications notifications,
            TicketHandling handling,
            Times times,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.enterprises = enterprises;
        this.routing = routing;
        this.policies = policies;
        this.notifications = notifications;
        this.handling = handling;
        this.times = times;
        this.clock = clock;
    }

    /** The ticket, if the scope permits it: 404 if there is none, 403 if it is not the reader's to see. */
    @Transactional(readOnly = true)
    public Ticket get(Scope scope, UUID id) {
        Ticket ticket = store.get(id);
        scope.check(ticket.districtCode(), ticket.enterpriseId(), ticket.unitCode());
        return ticket;
    }

    /** Who files problems: whoever acts for enterprises (the enterprise itself, its commissioner, officials). */
    public static boolean mayFile(Scope scope) {
        return scope.actsForEnterprises();
    }

    /** Files a ticket now, by the channel the actor's role files through. */
    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input) {
        TicketChannel channel = switch (actor.role()) {
            case ENTERPRISE -> TicketChannel.ONLINE;
            case COMMISSIONER -> TicketChannel.VISIT;
            default -> TicketChannel.HOTLINE;
        };
        return file(actor, scope, input, channel, clock.instant());
    }

    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input, TicketChannel channel) {
        return file(actor, scope, input, channel, clock.instant());
    }

    /** Files a problem a commissioner raised at a visit: channel VISIT, and the ticket names the visit. */
    @Transactional
    public Ticket fileFromVisit(Actor actor, Scope scope, NewTicket input, UUID visitId) {
        Ticket ticket = file(actor, scope, input, TicketChannel.VISIT, clock.instant());
        jdbc.sql("update ticket set visit_id = ? where id = ?")
                .params(visitId, ticket.id())
                .update();
        return store.get(ticket.id());
    }

    /**
     * Files a ticket received earlier (a hotline system passing on its calls, with the time each was
     * received): the clock starts then, not now. At most 30 days back, never in the future.
     */
    @Transactional
    public Ticket file(Actor actor, Scope scope, NewTicket input, TicketChannel channel, Instant receivedAt) {
        if (!mayFile(scope)) {
            throw new AccessDeniedException("This role does not file tickets");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String title = input.title() == null ? "" : input.title().trim();
        String description =
                input.description() == null ? "" : input.description().trim();
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
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        if (receivedAt.isAfter(now) || receivedAt.isBefore(now.minus(Duration.ofDays(30)))) {
            throw InvalidInputException.of("receivedAt", "ticket.error.receivedAt");
        }
        String unit = routing.route(input.category(), enterprise.districtCode());
        SlaPolicy policy = policies.match(input.category(), input.priority());
        SlaClock.Due due = SlaClock.due(policy, receivedAt, false, Duration.ZERO, times.zone());
        SlaClock.State state = new SlaClock.State(
                false, false, 0, due.firstResponse(), due.warning(), due.solution(), policy.supervisionAfter(), false);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into ticket (id, enterprise_id, enterprise_name, district_code, category, priority, channel,
                                            title, description, status, unit_code, filed_by, filed_at, sla_policy_id,
                                            sla_started_at, first_response_due, solution_due, warning_at,
                                            next_escalation_at, updated_at)
                        values (:id, :enterprise, :enterpriseName, :district, :category, :priority, :channel, :title,
                                :description, 'NEW', :unit, :by, :at, :policy, :at, :first, :solution, :warning, :next, :at)""")
                .param("id", id)
                .param("enterprise", enterprise.id())
                .param("enterpriseName", enterprise.name())
                .param("district", enterprise.districtCode())
                .param("category", input.category().name())
                .param("priority", input.priority().name())
                .param("channel", channel.name())
                .param("title", title)
                .param("description", description)
                .param("unit", unit)
                .param("by", actor.displayName())
                .param("at", Timestamp.from(receivedAt))
                .param("policy", policy.id())
                .param("first", Timestamp.from(due.firstResponse()))
                .param("solution", Timestamp.from(due.solution()))
                .param("warning", Timestamp.from(due.warning()))
                .param("next", TicketStore.timestamp(SlaClock.next(state)))
                .update();
        Ticket ticket = store.get(id);
        store.event(ticket, receivedAt, actor.displayName(), "FILED", null, TicketStatus.NEW, channel.name());
        store.event(ticket, receivedAt, actor.displayName(), "ROUTED", null, null, unit);
        notifications.toUnit(unit, id, "ASSIGNED", TicketStore.label(ticket));
        store.audit(actor, ticket, "TICKET_FILED", null);
        if (input.solvedOnSpot()) {
            return handling.settleOnTheSpot(actor, ticket, input.resolution().trim());
        }
        return ticket;
    }
}
