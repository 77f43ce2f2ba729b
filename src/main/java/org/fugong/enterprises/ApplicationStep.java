package org.fugong.enterprises;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One step of an application's history: who did what, from which status to which, and why. */
public record ApplicationStep(long id, Instant at, String actorName, String action, @Nullable ApplicationStatus from,
                              ApplicationStatus to, @Nullable String remark) {

    public String messageKey() {
        return "application.action." + action;
    }
}
