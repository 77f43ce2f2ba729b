package org.fugong.access;

/** The roles of DESIGN.md; each binds a user to the unit it answers for. */
public enum Role {
    CITY_OFFICIAL,
    DISTRICT_OFFICIAL,
    DEPARTMENT_OFFICER,
    COMMISSIONER,
    ENTERPRISE,
    GATE_CHECKER;

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean needsDistrict() {
        return this == DISTRICT_OFFICIAL || this == COMMISSIONER || this == ENTERPRISE;
    }

    public boolean needsDepartment() {
        return this == DEPARTMENT_OFFICER;
    }

    public boolean needsEnterprise() {
        return this == ENTERPRISE;
    }
}
