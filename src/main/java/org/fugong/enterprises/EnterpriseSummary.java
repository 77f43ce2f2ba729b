package org.fugong.enterprises;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An enterprise as lists, other modules and the API see it. */
public record EnterpriseSummary(
        UUID id,
        String uscc,
        String name,
        String legalRepresentative,
        String districtCode,
        @Nullable String townshipCode,
        IndustrySection industrySection,
        EnterpriseSize size,
        boolean aboveScale,
        int staffCount,
        boolean keyEnterprise,
        @Nullable PriorityCategory priorityCategory,
        @Nullable Double floorAreaM2,
        @Nullable String contactName,
        @Nullable String contactPhone) {}
