package org.fugong.enterprises;

import org.jspecify.annotations.Nullable;

/** An enterprise to add to the registry. */
public record NewEnterprise(String uscc, String name, String legalRepresentative, String districtCode,
                            @Nullable String townshipCode, IndustrySection industrySection, EnterpriseSize size,
                            boolean aboveScale, int staffCount) {
}
