package org.fugong.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class ScopeTests {

    static final UUID OWN = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    static Actor actor(Role role, String district, String department, UUID enterprise) {
        return new Actor(
                UUID.randomUUID(),
                "u",
                "U",
                role,
                "330200",
                district,
                department,
                enterprise,
                true,
                false,
                false,
                null);
    }

    @Test
    void cityOfficialSeesEverything() {
        Scope scope = Scope.of(actor(Role.CITY_OFFICIAL, null, null, null), Set.of(), null);
        assertThat(scope.permits("330205", OTHER)).isTrue();
        assertThat(scope.where("district_code", "id").sql()).isEqualTo("true");
    }

    @Test
    void districtOfficialSeesOnlyItsDistrict() {
        Scope scope = Scope.of(actor(Role.DISTRICT_OFFICIAL, "330203", null, null), Set.of(), null);
        assertThat(scope.permits("330203", OTHER)).isTrue();
        assertThat(scope.permits("330205", OTHER)).isFalse();
        assertThat(scope.permitsDistrict("330205")).isFalse();
        assertThatThrownBy(() -> scope.check("330205", OTHER)).isInstanceOf(AccessDeniedException.class);
        assertThat(scope.where("district_code", "id").parameters().get("scope_district"))
                .isEqualTo("330203");
    }

    @Test
    void enterpriseSeesOnlyItself() {
        Scope scope = Scope.of(actor(Role.ENTERPRISE, "330203", null, OWN), Set.of(), null);
        assertThat(scope.permits("330203", OWN)).isTrue();
        assertThat(scope.permits("330203", OTHER)).isFalse();
        assertThat(scope.permitsDistrict("330203")).isFalse();
    }

    @Test
    void commissionerSeesItsAssignedEnterprises() {
        Scope scope = Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of(OWN), null);
        assertThat(scope.permits("330203", OWN)).isTrue();
        assertThat(scope.permits("330203", OTHER)).isFalse();
    }

    @Test
    void commissionerWithoutAssignmentsSeesNothing() {
        Scope scope = Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of(), null);
        assertThat(scope.where("district_code", "id").sql()).isEqualTo("false");
    }

    @Test
    void departmentsAndGatesSeeNoRegistryRecords() {
        assertThat(Scope.of(actor(Role.DEPARTMENT_OFFICER, null, "LABOUR", null), Set.of(), null)
                        .permits("330203", OWN))
                .isFalse();
        assertThat(Scope.of(actor(Role.GATE_CHECKER, null, null, null), Set.of(), null)
                        .permits("330203", OWN))
                .isFalse();
    }

    @Test
    void districtScopeOnATableWithoutDistrictMatchesNothing() {
        assertThat(Scope.district("330203").where(null, "id").sql()).isEqualTo("false");
    }

    @Test
    void aDepartmentOfficerSeesWhatItsUnitHandlesAndNothingElse() {
        Scope labour = Scope.of(actor(Role.DEPARTMENT_OFFICER, null, "LABOUR", null), Set.of(), "DEPT-LABOUR");
        assertThat(labour.permits("330203", OWN, "DEPT-LABOUR")).isTrue();
        assertThat(labour.permits("330203", OWN, "DEPT-TRANSPORT")).isFalse();
        assertThat(labour.handles("DEPT-LABOUR")).isTrue();
        assertThat(labour.handles("D-330203")).isFalse();
        assertThat(labour.actsForEnterprises()).isFalse();
        var condition = labour.where("t.district_code", "t.enterprise_id", "t.unit_code");
        assertThat(condition.sql()).isEqualTo("(false or t.unit_code = :scope_unit)");
        assertThat(condition.parameters().get("scope_unit")).isEqualTo("DEPT-LABOUR");
        assertThatThrownBy(() -> labour.check("330203", OWN, "D-330203")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aDistrictOfficialSeesItsDistrictAndWhatItsServiceGroupHandlesElsewhere() {
        Scope haishu = Scope.of(actor(Role.DISTRICT_OFFICIAL, "330203", null, null), Set.of(), "D-330203");
        assertThat(haishu.permits("330205", OTHER, "D-330203")).isTrue();
        assertThat(haishu.permits("330205", OTHER, "D-330205")).isFalse();
        assertThat(haishu.permits("330203", OTHER, "DEPT-LABOUR")).isTrue();
        assertThat(haishu.handles("D-330203")).isTrue();
        assertThat(haishu.handles("DEPT-LABOUR")).isFalse();
        assertThat(haishu.where("d", "e", "u").sql()).isEqualTo("(d = :scope_district or u = :scope_unit)");
    }

    @Test
    void theCityHandlesEveryUnitsRecords() {
        Scope city = Scope.of(actor(Role.CITY_OFFICIAL, null, null, null), Set.of(), "CITY");
        assertThat(city.handles("DEPT-LABOUR")).isTrue();
        assertThat(city.where("d", "e", "u").sql()).isEqualTo("true");
    }

    @Test
    void onlyTheEnterpriseItselfOwnsItsRecords() {
        assertThat(Scope.of(actor(Role.ENTERPRISE, "330203", null, OWN), Set.of(), null)
                        .owns(OWN))
                .isTrue();
        assertThat(Scope.of(actor(Role.ENTERPRISE, "330203", null, OWN), Set.of(), null)
                        .owns(OTHER))
                .isFalse();
        assertThat(Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of(OWN), null)
                        .owns(OWN))
                .isFalse();
        assertThat(Scope.of(actor(Role.CITY_OFFICIAL, null, null, null), Set.of(), "CITY")
                        .owns(OWN))
                .isFalse();
        assertThat(Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of(OWN), null)
                        .actsForEnterprises())
                .isTrue();
        assertThat(Scope.of(actor(Role.GATE_CHECKER, null, null, null), Set.of(), null)
                        .actsForEnterprises())
                .isFalse();
    }
}
