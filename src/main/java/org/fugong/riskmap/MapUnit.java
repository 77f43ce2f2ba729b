package org.fugong.riskmap;

import org.fugong.geography.Named;

/** A unit of the map: a district (whose district is itself) or a township. */
public record MapUnit(String code, String districtCode, String nameZh, String nameEn, boolean township)
        implements Named {}
