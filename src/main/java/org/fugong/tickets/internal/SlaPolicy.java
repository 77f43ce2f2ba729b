package org.fugong.tickets.internal;

import java.time.Duration;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketPriority;
import org.jspecify.annotations.Nullable;

/**
 * An SLA policy: for a category and a priority (null = any), the first response time, the
 * solution rule (by the end of the filing day but at least {@code solution}, or just
 * {@code solution}), the solution time of a difficult ticket, when to warn, and how long after a
 * breach the ticket goes under supervision.
 */
public record SlaPolicy(
        long id,
        @Nullable TicketCategory category,
        @Nullable TicketPriority priority,
        Duration firstResponse,
        boolean solveByEndOfDay,
        Duration solution,
        Duration difficultSolution,
        int warningPercent,
        Duration supervisionAfter,
        @Nullable WorkingCalendar calendar) {

    /** A policy whose clock runs around the clock. */
    public SlaPolicy(
            long id,
            @Nullable TicketCategory category,
            @Nullable TicketPriority priority,
            Duration firstResponse,
            boolean solveByEndOfDay,
            Duration solution,
            Duration difficultSolution,
            int warningPercent,
            Duration supervisionAfter) {
        this(
                id,
                category,
                priority,
                firstResponse,
                solveByEndOfDay,
                solution,
                difficultSolution,
                warningPercent,
                supervisionAfter,
                null);
    }

    /** How well the policy fits a ticket: -1 if it does not apply, more the more specific it is. */
    public int fit(TicketCategory ticketCategory, TicketPriority ticketPriority) {
        if ((category != null && category != ticketCategory) || (priority != null && priority != ticketPriority)) {
            return -1;
        }
        return (category == null ? 0 : 2) + (priority == null ? 0 : 1);
    }
}
