package org.fugong.tickets.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.fugong.tickets.TicketStatus;
import org.jspecify.annotations.Nullable;

/** One step on a ticket's timeline. */
public record TicketEvent(
        long id,
        Instant at,
        String actorName,
        String kind,
        @Nullable String unitCode,
        @Nullable TicketStatus from,
        @Nullable TicketStatus to,
        @Nullable String text) {

    /** The text of a clock step (the due time it was about), as an instant; null for other text. */
    public @Nullable Instant textAsInstant() {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public String messageKey() {
        return "ticket.event." + kind;
    }
}
