package org.fugong.riskmap.reporting;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A unit's figures for one day. {@code version} is the version the form was filled in on
 * (null for imports and the API, which overwrite).
 */
public record IndicatorRow(
        String unitCode,
        LocalDate day,
        int newLocal,
        int newImported,
        int newAsymptomatic,
        int activeClusters,
        int cumulativeConfirmed,
        @Nullable Integer population,
        @Nullable Long version) {}
