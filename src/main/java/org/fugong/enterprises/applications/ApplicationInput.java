package org.fugong.enterprises.applications;

import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the enterprise writes: the planned date, its staff on site by origin, its answer to each
 * checklist item (item code → "true"/"false" or a number of days), and the commitment letter
 * accepted by name.
 */
public record ApplicationInput(
        @Nullable LocalDate plannedDate,
        @Nullable Integer staffLocal,
        @Nullable Integer staffOtherProvinces,
        @Nullable Integer staffRiskAreas,
        Map<String, String> measures,
        @Nullable String commitmentName,
        boolean commitmentAccepted) {}
