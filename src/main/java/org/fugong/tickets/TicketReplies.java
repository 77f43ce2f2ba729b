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
import org.fugong.shell.RefusedChangeException;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.TicketStore;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enterprise's steps on its own tickets: answer the handler's question (the clock runs again),
 * confirm a resolution, or reopen it. Refused to anyone but the enterprise itself.
 */
@Service
public class TicketReplies {

    private final TicketStore store;
    private final TicketHandling handling;
    private final Notifications notifications;
    private final Clock clock;

    TicketReplies(TicketStore store, TicketHandling handling, Notifications notifications, Clock clock) {
        this.store = store;
        this.handling = handling;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Whether the reader is the enterprise the ticket belongs to. */
    public static boolean owns(Scope scope, Ticket ticket) {
        return scope.owns(ticket.enterpriseId());
    }

    /** The enterprise answers the handler's question: the clock runs again, every due time moved by the pause. */
    @Transactional
    public Ticket reply(Actor actor, Scope scope, UUID id, long version, @Nullable String text) {
        Ticket before = owned(scope, id, version);
        if (before.status() != TicketStatus.WAITING_FOR_ENTERPRISE || before.pausedAt() == null) {
            throw new RefusedChangeException("ticket.error.notWaiting");
        }
        String answer = TicketHandling.required(text, "text");
        Instant now = clock.instant();
        Duration pause = Duration.between(before.pausedAt(), now);
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("paused_at", null);
        sets.put("paused_seconds", before.pausedSeconds() + pause.toSeconds());
        sets.put("first_response_due", Timestamp.from(before.firstResponseDue().plus(pause)));
        sets.put("solution_due", Timestamp.from(before.solutionDue().plus(pause)));
        sets.put("warning_at", Timestamp.from(before.warningAt().plus(pause)));
        Ticket after = store.update(before, TicketStatus.IN_PROGRESS, sets, true);
        store.event(after, actor.displayName(), "RESUMED", before.status(), after.status(), answer);
        notifications.toUnit(after.unitCode(), id, "ANSWERED", TicketStore.label(after));
        store.audit(actor, after, "TICKET_RESUMED", before);
        return after;
    }

    /** The enterprise confirms the problem is solved; the follow-up call closes it. */
    @Transactional
    public Ticket confirm(Actor actor, Scope scope, UUID id, long version) {
        Ticket before = owned(scope, id, version);
        if (before.status() != TicketStatus.RESOLVED) {
            throw new RefusedChangeException("ticket.error.notResolved");
        }
        Ticket after = store.update(before, TicketStatus.CONFIRMED, Map.of(), false);
        store.event(after, actor.displayName(), "CONFIRMED", before.status(), after.status(), null);
        notifications.toUnit(after.unitCode(), id, "CONFIRMED", TicketStore.label(after));
        store.audit(actor, after, "TICKET_CONFIRMED", before);
        return after;
    }

    /** The enterprise says it is not solved: back to the handler with a new solution clock. */
    @Transactional
    public Ticket reopen(Actor actor, Scope scope, UUID id, long version, @Nullable String reason) {
        Ticket before = owned(scope, id, version);
        if (before.status() != TicketStatus.RESOLVED && before.status() != TicketStatus.CONFIRMED) {
            throw new RefusedChangeException("ticket.error.notResolved");
        }
        return handling.restart(actor, before, TicketHandling.required(reason, "reason"), "REOPENED", null);
    }

    private Ticket owned(Scope scope, UUID id, long version) {
        Ticket peek = store.get(id);
        if (!scope.permits(peek.districtCode(), peek.enterpriseId(), peek.unitCode()) || !owns(scope, peek)) {
            throw new AccessDeniedException("Not this enterprise's ticket");
        }
        return store.locked(id, version);
    }
}
