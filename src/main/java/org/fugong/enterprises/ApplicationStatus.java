package org.fugong.enterprises;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a return-to-work application stands. DRAFT → SUBMITTED → IN_REVIEW → APPROVED,
 * RETURNED_FOR_REVISION (back to the enterprise, then SUBMITTED again) or REJECTED; APPROVED →
 * RESUMED when the enterprise confirms it reopened; APPROVED or RESUMED → SUSPENDED by an official.
 */
public enum ApplicationStatus {
    DRAFT, SUBMITTED, IN_REVIEW, APPROVED, RETURNED_FOR_REVISION, REJECTED, RESUMED, SUSPENDED;

    /** Waiting for a reviewer: the queue. */
    public static final Set<ApplicationStatus> PENDING = EnumSet.of(SUBMITTED, IN_REVIEW);

    public boolean pending() {
        return PENDING.contains(this);
    }

    /** The enterprise may still change what it wrote. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED_FOR_REVISION;
    }

    /** Nothing more happens to it: a new application may be filed. */
    public boolean closed() {
        return this == REJECTED || this == SUSPENDED;
    }

    public String messageKey() {
        return "application.status." + name();
    }
}
