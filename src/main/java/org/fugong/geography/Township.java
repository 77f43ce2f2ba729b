package org.fugong.geography;

/** A subdistrict (街道), town (镇) or township (乡) of a district. */
public record Township(String code, String districtCode, String nameZh, String nameEn, Kind kind) implements Named {

    public enum Kind {
        SUBDISTRICT,
        TOWN,
        TOWNSHIP
    }
}
