package org.fugong.tickets;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One step on a ticket's timeline. */
public record TicketEvent(long id, Instant at, String actorName, String kind, @Nullable String unitCode,
                          @Nullable TicketStatus from, @Nullable TicketStatus to, @Nullable String text) {

    public String messageKey() {
        return "ticket.event." + kind;
    }
}
