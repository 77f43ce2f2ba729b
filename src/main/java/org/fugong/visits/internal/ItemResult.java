package org.fugong.visits.internal;

/** A checklist item's answer at a visit. */
public enum ItemResult {
    PASSED,
    FAILED,
    NOT_APPLICABLE;

    public String messageKey() {
        return "visits.result." + name();
    }
}
