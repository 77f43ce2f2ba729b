package org.fugong.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A problem ticket as pages, the API and other modules see it. */
public record Ticket(
        UUID id,
        long number,
        UUID enterpriseId,
        String enterpriseName,
        String districtCode,
        TicketCategory category,
        TicketPriority priority,
        TicketChannel channel,
        String title,
        String description,
        TicketStatus status,
        String unitCode,
        boolean difficult,
        String filedBy,
        Instant filedAt,
        long slaPolicyId,
        Instant slaStartedAt,
        Instant firstResponseDue,
        @Nullable Instant firstRespondedAt,
        boolean firstResponseLate,
        Instant solutionDue,
        Instant warningAt,
        @Nullable Instant pausedAt,
        long pausedSeconds,
        int escalationLevel,
        boolean escalated,
        @Nullable Instant nextEscalationAt,
        @Nullable String resolution,
        @Nullable Instant resolvedAt,
        @Nullable Boolean resolvedLate,
        @Nullable Boolean satisfied,
        @Nullable Instant closedAt,
        @Nullable UUID commonIssueId,
        @Nullable UUID assigneeId,
        @Nullable String assigneeName,
        @Nullable UUID visitId,
        long version) {

    /** Time left until the solution is due (negative when overdue); a paused clock does not run. */
    public Duration left(Instant now) {
        Instant effectiveNow = pausedAt != null ? pausedAt : now;
        return Duration.between(effectiveNow, solutionDue);
    }

    public boolean overdue(Instant now) {
        return status.open() && left(now).isNegative();
    }

    public boolean paused() {
        return pausedAt != null;
    }

    public String levelKey() {
        return "ticket.level." + escalationLevel;
    }
}
