package org.fugong.enterprises;

import org.jspecify.annotations.Nullable;

/** What a registry list is filtered by; empty fields do not filter. */
public record EnterpriseCriteria(
        @Nullable String text,
        @Nullable String districtCode,
        @Nullable String townshipCode,
        @Nullable IndustrySection industry,
        @Nullable EnterpriseSize size,
        @Nullable Boolean aboveScale) {

    public static EnterpriseCriteria none() {
        return new EnterpriseCriteria(null, null, null, null, null, null);
    }
}
