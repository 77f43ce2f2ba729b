package org.fugong.enterprises.applications;

/** What the policy matrix does with an application on filing. */
public enum PolicyDecision {
    /** Approved on filing, with the enterprise's commitment. */
    AUTO_APPROVE,
    /** Goes to the district's review queue. */
    REVIEW,
    /** Waits in the queue, not approvable, until the district's colour allows it. */
    HOLD;

    public String messageKey() {
        return "policy.decision." + name();
    }
}
