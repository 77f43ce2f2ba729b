package org.fugong.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.Times;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.SlaClock;
import org.fugong.tickets.internal.SlaPolicies;
import org.fugong.tickets.internal.SlaPolicy;
import org.fugong.tickets.internal.TicketStore;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The handling unit's steps: answer, take, ask the enterprise, transfer, mark difficult, resolve;
 * and the follow-up call that closes or reopens. Each step is refused to whoever does not handle the
 * ticket (its unit, or the command center), refused on a stale version, keeps the SLA clock right,
 * and writes the timeline, the notifications and the audit trail in one transaction.
 */
@Service
public class TicketHandling {

    private final TicketStore store;
    private final SlaPolicies policies;
    private final TicketUnits units;
    private final Notifications notifications;
    private final Times times;
    private final Clock clock;

    TicketHandling(
            TicketStore store,
            SlaPolicies policies,
            TicketUnits units,
            Notifications notifications,
            Times times,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.units = units;
        this.notifications = notifications;
        this.times = times;
        this.clock = clock;
    }

    /** Whether the reader works the ticket: its handling unit, or the command center. */
    public static boolean handles(Scope scope, Ticket ticket) {
        return scope.handles(ticket.unitCode());
    }

    /** Whether the reader may record the follow-up call: the handler, the ticket's district, or the city. */
    public static boolean callsBack(Scope scope, Ticket ticket) {
        return handles(scope, ticket) || scope.permitsDistrict(ticket.districtCode());
    }

    /** The handler answers (the first answer is the first response) and works on it. */
    @Transactional
    public Ticket respond(Actor actor, Scope scope, UUID id, long version, @Nullable String text) {
        Ticket before = handled(scope, id, version);
        requireOpen(before);
        String note = required(text, "text");
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(clock.instant()));
        }
        Ticket after = store.update(
                before, before.status() == TicketStatus.NEW ? TicketStatus.IN_PROGRESS : before.status(), sets, true);
        store.event(after, actor.displayName(), "RESPONDED", before.status(), after.status(), note);
        if (!scope.owns(after.enterpriseId())) {
            notifications.toEnterprise(after.enterpriseId(), id, "RESPONDED", TicketStore.label(after));
        }
        store.audit(actor, after, "TICKET_RESPONDED", before);
        return after;
    }

    /** An official of the handling unit takes the ticket: it is in his own queue from now on. */
    @Transactional
    public Ticket take(Actor actor, Scope scope, UUID id, long version) {
        Ticket before = handled(scope, id, version);
        requireOpen(before);
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("assignee_id", actor.id());
        sets.put("assignee_name", actor.displayName());
        Ticket after = store.update(before, before.status(), sets, false);
        store.event(after, actor.displayName(), "TAKEN", null, null, null);
        store.audit(actor, after, "TICKET_TAKEN", before);
        return after;
    }

    /** The handler needs something from the enterprise: the clock stops until it answers. */
    @Transactional
    public Ticket askEnterprise(Actor actor, Scope scope, UUID id, long version, @Nullable String question) {
        Ticket before = handled(scope, id, version);
        if (!before.status().canMoveTo(TicketStatus.WAITING_FOR_ENTERPRISE)) {
            throw new RefusedChangeException("ticket.error.notWorkable");
        }
        String text = required(question, "text");
        Instant now = clock.instant();
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("paused_at", Timestamp.from(now));
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(now));
        }
        Ticket after = store.update(before, TicketStatus.WAITING_FOR_ENTERPRISE, sets, true);
        store.event(after, actor.displayName(), "WAITING", before.status(), after.status(), text);
        notifications.toEnterprise(after.enterpriseId(), id, "QUESTION", TicketStore.label(after));
        store.audit(actor, after, "TICKET_WAITING", before);
        return after;
    }

    /** Sends the ticket to another unit, with the reason; the clock runs on. */
    @Transactional
    public Ticket transfer(Actor actor, Scope scope, UUID id, long version, String unitCode, @Nullable String reason) {
        Ticket before = handled(scope, id, version);
        requireOpen(before);
        String why = required(reason, "reason");
        if (units.find(unitCode).isEmpty() || unitCode.equals(before.unitCode())) {
            throw InvalidInputException.of("unit", "ticket.error.unit");
        }
        Map<String, @Nullable Object> moved = new LinkedHashMap<>();
        moved.put("unit_code", unitCode);
        moved.put("assignee_id", null);
        moved.put("assignee_name", null);
        Ticket after = store.update(before, before.status(), moved, false);
        store.event(
                after,
                actor.displayName(),
                "TRANSFERRED",
                null,
                null,
                before.unitCode() + " → " + unitCode + " · " + why);
        notifications.toUnit(unitCode, id, "ASSIGNED", TicketStore.label(after));
        store.audit(actor, after, "TICKET_TRANSFERRED", before);
        return after;
    }

    /** The handler marks the problem difficult: the solution time becomes the difficult one. */
    @Transactional
    public Ticket markDifficult(Actor actor, Scope scope, UUID id, long version, @Nullable String reason) {
        Ticket before = handled(scope, id, version);
        requireOpen(before);
        String why = required(reason, "reason");
        if (before.difficult()) {
            throw new RefusedChangeException("ticket.error.alreadyDifficult");
        }
        SlaPolicy policy = policies.get(before.slaPolicyId());
        SlaClock.Due due = SlaClock.due(
                policy, before.slaStartedAt(), true, Duration.ofSeconds(before.pausedSeconds()), times.zone());
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("difficult", true);
        sets.put("solution_due", Timestamp.from(due.solution()));
        sets.put("warning_at", Timestamp.from(due.warning()));
        // A warning given for the shorter time is taken back if the longer one is not near yet; a breach stays.
        if (before.escalationLevel() == 1 && due.warning().isAfter(clock.instant())) {
            sets.put("escalation_level", 0);
        }
        Ticket after = store.update(before, before.status(), sets, true);
        store.event(after, actor.displayName(), "DIFFICULT", null, null, why);
        store.audit(actor, after, "TICKET_DIFFICULT", before);
        return after;
    }

    /** The handler writes the resolution; the enterprise is told and confirms or reopens. */
    @Transactional
    public Ticket resolve(Actor actor, Scope scope, UUID id, long version, @Nullable String resolution) {
        Ticket before = handled(scope, id, version);
        requireOpen(before);
        return resolve(actor, before, required(resolution, "resolution"), "RESOLVED");
    }

    /** A commissioner's problem solved on the spot: resolved as it is filed. */
    Ticket settleOnTheSpot(Actor actor, Ticket ticket, String resolution) {
        return resolve(actor, ticket, resolution, "SOLVED_ON_SPOT");
    }

    /** A common issue's answer resolves one of its tickets (the caller holds the lock and checked the rights). */
    Ticket resolveForIssue(Actor actor, Ticket ticket, String answer) {
        return resolve(actor, ticket, answer, "RESOLVED_BY_COMMON_ISSUE");
    }

    private Ticket resolve(Actor actor, Ticket before, String resolution, String kind) {
        Instant now = clock.instant();
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("resolution", resolution);
        sets.put("resolved_at", Timestamp.from(now));
        sets.put("resolved_late", before.paused() ? false : now.isAfter(before.solutionDue()));
        sets.put("paused_at", null);
        if (before.firstRespondedAt() == null) {
            sets.put("first_responded_at", Timestamp.from(now));
        }
        sets.put("next_escalation_at", null);
        Ticket after = store.update(before, TicketStatus.RESOLVED, sets, false);
        store.event(after, actor.displayName(), kind, before.status(), after.status(), resolution);
        notifications.toEnterprise(after.enterpriseId(), after.id(), "RESOLVED", TicketStore.label(after));
        store.audit(actor, after, "TICKET_" + kind, before);
        return after;
    }

    /**
     * The follow-up call: satisfied closes the ticket; not satisfied reopens it. Either way the
     * satisfaction is kept for the statistics.
     */
    @Transactional
    public Ticket followUp(Actor actor, Scope scope, UUID id, long version, boolean satisfied, @Nullable String note) {
        Ticket peek = store.get(id);
        if (!scope.permits(peek.districtCode(), peek.enterpriseId(), peek.unitCode()) || !callsBack(scope, peek)) {
            throw new AccessDeniedException("Not this actor's follow-up call");
        }
        Ticket before = store.locked(id, version);
        if (!before.status().canMoveTo(TicketStatus.CLOSED)) {
            throw new RefusedChangeException("ticket.error.notResolved");
        }
        String text = note == null || note.isBlank() ? null : note.trim();
        if (!satisfied) {
            return restart(actor, before, text == null ? "—" : text, "FOLLOW_UP_UNSATISFIED", false);
        }
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("satisfied", true);
        sets.put("closed_at", Timestamp.from(clock.instant()));
        Ticket after = store.update(before, TicketStatus.CLOSED, sets, false);
        store.event(after, actor.displayName(), "FOLLOW_UP_SATISFIED", before.status(), after.status(), text);
        store.audit(actor, after, "TICKET_CLOSED", before);
        return after;
    }

    /** Back to the handler with a new solution clock: reopened by the enterprise or after an unhappy call. */
    Ticket restart(Actor actor, Ticket before, String reason, String kind, @Nullable Boolean satisfied) {
        Instant now = clock.instant();
        SlaPolicy policy = policies.get(before.slaPolicyId());
        SlaClock.Due due = SlaClock.due(policy, now, before.difficult(), Duration.ZERO, times.zone());
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
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
        Ticket after = store.update(before, TicketStatus.IN_PROGRESS, sets, true);
        store.event(after, actor.displayName(), kind, before.status(), after.status(), reason);
        notifications.toUnit(after.unitCode(), after.id(), "REOPENED", TicketStore.label(after));
        store.audit(actor, after, "TICKET_" + kind, before);
        return after;
    }

    /** The ticket locked for a handler's step: 403 unless the scope sees it and handles its unit. */
    private Ticket handled(Scope scope, UUID id, long version) {
        Ticket peek = store.get(id);
        if (!scope.permits(peek.districtCode(), peek.enterpriseId(), peek.unitCode()) || !handles(scope, peek)) {
            throw new AccessDeniedException("Not this actor's ticket to handle");
        }
        return store.locked(id, version);
    }

    private static void requireOpen(Ticket ticket) {
        if (!ticket.status().open()) {
            throw new RefusedChangeException("ticket.error.notOpen");
        }
    }

    /** A required text of a step, at most 4,000 characters. */
    static String required(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of(field, "ticket.error.required");
        }
        if (text.length() > 4000) {
            throw InvalidInputException.of(field, "ticket.error.tooLong");
        }
        return text.trim();
    }
}
