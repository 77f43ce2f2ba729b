package org.fugong.enterprises.applications;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A reviewer's decision on an application, with a verdict per checklist item and a remark. */
public record Review(
        Outcome outcome,
        Map<String, Application.ItemVerdict> verdicts,
        @Nullable String remark) {

    public enum Outcome {
        APPROVE,
        RETURN,
        REJECT
    }
}
