package org.fugong.tickets;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * NEW → IN_PROGRESS ⇄ WAITING_FOR_ENTERPRISE (the clock paused) → RESOLVED → CONFIRMED (by the
 * enterprise) → CLOSED (after the follow-up call); RESOLVED or CONFIRMED may be reopened, and the
 * follow-up call may close a resolved ticket the enterprise did not confirm. Nothing leaves CLOSED.
 */
public enum TicketStatus {
    NEW,
    IN_PROGRESS,
    WAITING_FOR_ENTERPRISE,
    RESOLVED,
    CONFIRMED,
    CLOSED;

    private static final Map<TicketStatus, Set<TicketStatus>> MOVES = Map.of(
            NEW, EnumSet.of(IN_PROGRESS, WAITING_FOR_ENTERPRISE, RESOLVED),
            IN_PROGRESS, EnumSet.of(WAITING_FOR_ENTERPRISE, RESOLVED),
            WAITING_FOR_ENTERPRISE, EnumSet.of(IN_PROGRESS, RESOLVED),
            RESOLVED, EnumSet.of(CONFIRMED, IN_PROGRESS, CLOSED),
            CONFIRMED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(TicketStatus.class));

    /** The statuses a ticket in this status may move to. */
    public Set<TicketStatus> moves() {
        Set<TicketStatus> moves = EnumSet.noneOf(TicketStatus.class);
        moves.addAll(MOVES.get(this));
        return moves;
    }

    public boolean canMoveTo(TicketStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** Still with the handling unit: the clock matters. */
    public boolean open() {
        return this == NEW || this == IN_PROGRESS || this == WAITING_FOR_ENTERPRISE;
    }

    public String messageKey() {
        return "ticket.status." + name();
    }
}
