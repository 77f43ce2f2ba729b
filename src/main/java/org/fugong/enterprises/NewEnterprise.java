package org.fugong.enterprises;

import org.jspecify.annotations.Nullable;

/** An enterprise to add to the registry. */
public record NewEnterprise(
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
        @Nullable String contactPhone) {

    /** An enterprise without a contact person. */
    public NewEnterprise(
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
            @Nullable Double floorAreaM2) {
        this(
                uscc,
                name,
                legalRepresentative,
                districtCode,
                townshipCode,
                industrySection,
                size,
                aboveScale,
                staffCount,
                keyEnterprise,
                priorityCategory,
                floorAreaM2,
                null,
                null);
    }

    /** An enterprise without the policy details (not a key enterprise, no category, area unknown). */
    public NewEnterprise(
            String uscc,
            String name,
            String legalRepresentative,
            String districtCode,
            @Nullable String townshipCode,
            IndustrySection industrySection,
            EnterpriseSize size,
            boolean aboveScale,
            int staffCount) {
        this(
                uscc,
                name,
                legalRepresentative,
                districtCode,
                townshipCode,
                industrySection,
                size,
                aboveScale,
                staffCount,
                false,
                null,
                null,
                null,
                null);
    }
}
