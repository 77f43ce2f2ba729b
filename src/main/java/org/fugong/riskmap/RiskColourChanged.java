package org.fugong.riskmap;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The colour of a unit today changed: recomputed from new figures or rules, or set or released
 * by hand. {@code from} is null for a unit's first colour.
 */
public record RiskColourChanged(
        String unitCode,
        String districtCode,
        LocalDate date,
        @Nullable RiskColour from,
        RiskColour to) {}
