package org.fugong.tickets;

/**
 * NEW → IN_PROGRESS ⇄ WAITING_FOR_ENTERPRISE (the clock paused) → RESOLVED → CONFIRMED (by the
 * enterprise) → CLOSED (after the follow-up call); RESOLVED or CONFIRMED may be reopened.
 */
public enum TicketStatus {
    NEW, IN_PROGRESS, WAITING_FOR_ENTERPRISE, RESOLVED, CONFIRMED, CLOSED;

    /** Still with the handling unit: the clock matters. */
    public boolean open() {
        return this == NEW || this == IN_PROGRESS || this == WAITING_FOR_ENTERPRISE;
    }

    public String messageKey() {
        return "ticket.status." + name();
    }
}
