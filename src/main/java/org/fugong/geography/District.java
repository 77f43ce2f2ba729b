package org.fugong.geography;

/** A district, county, county-level city or functional zone of the city. */
public record District(String code, String cityCode, String nameZh, String nameEn, Kind kind, int sortOrder)
        implements Named {

    public enum Kind {
        DISTRICT,
        COUNTY,
        COUNTY_CITY,
        FUNCTIONAL_ZONE
    }
}
