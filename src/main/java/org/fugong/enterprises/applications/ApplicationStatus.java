package org.fugong.enterprises.applications;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a return-to-work application stands. DRAFT → SUBMITTED → IN_REVIEW → APPROVED,
 * RETURNED_FOR_REVISION (back to the enterprise, then SUBMITTED again) or REJECTED; APPROVED →
 * RESUMED when the enterprise confirms it reopened; APPROVED or RESUMED → SUSPENDED by an official.
 * Nothing leaves REJECTED or SUSPENDED (the enterprise files a new application), except a suspension
 * by the compliance lights, which a later green visit undoes ({@code ApplicationReview.restoreAfterCompliance}).
 */
public enum ApplicationStatus {
    DRAFT,
    SUBMITTED,
    IN_REVIEW,
    APPROVED,
    RETURNED_FOR_REVISION,
    REJECTED,
    RESUMED,
    SUSPENDED;

    /** Waiting for a reviewer: the queue. */
    public static final Set<ApplicationStatus> PENDING = EnumSet.of(SUBMITTED, IN_REVIEW);

    private static final Map<ApplicationStatus, Set<ApplicationStatus>> MOVES = Map.of(
            DRAFT, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(IN_REVIEW, APPROVED, RETURNED_FOR_REVISION, REJECTED),
            IN_REVIEW, EnumSet.of(APPROVED, RETURNED_FOR_REVISION, REJECTED),
            RETURNED_FOR_REVISION, EnumSet.of(SUBMITTED),
            APPROVED, EnumSet.of(RESUMED, SUSPENDED),
            RESUMED, EnumSet.of(SUSPENDED),
            REJECTED, EnumSet.noneOf(ApplicationStatus.class),
            SUSPENDED, EnumSet.noneOf(ApplicationStatus.class));

    /** The statuses an application in this status may move to. */
    public Set<ApplicationStatus> moves() {
        Set<ApplicationStatus> moves = EnumSet.noneOf(ApplicationStatus.class);
        moves.addAll(MOVES.get(this));
        return moves;
    }

    public boolean canMoveTo(ApplicationStatus next) {
        return MOVES.get(this).contains(next);
    }

    public boolean pending() {
        return PENDING.contains(this);
    }

    /** The enterprise may still change what it wrote. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED_FOR_REVISION;
    }

    /** The enterprise may work: its approval stands, or it is back at work. */
    public boolean permitsWork() {
        return this == APPROVED || this == RESUMED;
    }

    /** Nothing more happens to it: a new application may be filed. */
    public boolean closed() {
        return this == REJECTED || this == SUSPENDED;
    }

    public String messageKey() {
        return "application.status." + name();
    }
}
