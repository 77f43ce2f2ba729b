package org.fugong.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTests {

    static final UUID OWN = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    static Actor actor(Role role, String district, String department, UUID enterprise) {
        return new Actor(UUID.randomUUID(), "u", "U", role, "330200", district, department, enterprise, true, false, false, null);
    }

    @Test
    void cityOfficialSeesEverything() {
        Scope scope = Scope.of(actor(Role.CITY_OFFICIAL, null, null, null), Set.of());
        assertThat(scope.permits("330205", OTHER)).isTrue();
        assertThat(scope.where("district_code", "id").sql()).isEqualTo("true");
    }

    @Test
    void districtOfficialSeesOnlyItsDistrict() {
        Scope scope = Scope.of(actor(Role.DISTRICT_OFFICIAL, "330203", null, null), Set.of());
        assertThat(scope.permits("330203", OTHER)).isTrue();
        assertThat(scope.permits("330205", OTHER)).isFalse();
        assertThat(scope.permitsDistrict("330205")).isFalse();
        assertThatThrownBy(() -> scope.check("330205", OTHER)).isInstanceOf(AccessDeniedException.class);
        assertThat(scope.where("district_code", "id").parameters().get("scope_district")).isEqualTo("330203");
    }

    @Test
    void enterpriseSeesOnlyItself() {
        Scope scope = Scope.of(actor(Role.ENTERPRISE, "330203", null, OWN), Set.of());
        assertThat(scope.permits("330203", OWN)).isTrue();
        assertThat(scope.permits("330203", OTHER)).isFalse();
        assertThat(scope.permitsDistrict("330203")).isFalse();
    }

    @Test
    void commissionerSeesItsAssignedEnterprises() {
        Scope scope = Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of(OWN));
        assertThat(scope.permits("330203", OWN)).isTrue();
        assertThat(scope.permits("330203", OTHER)).isFalse();
    }

    @Test
    void commissionerWithoutAssignmentsSeesNothing() {
        Scope scope = Scope.of(actor(Role.COMMISSIONER, "330203", null, null), Set.of());
        assertThat(scope.where("district_code", "id").sql()).isEqualTo("false");
    }

    @Test
    void departmentsAndGatesSeeNoRegistryRecords() {
        assertThat(Scope.of(actor(Role.DEPARTMENT_OFFICER, null, "LABOUR", null), Set.of()).permits("330203", OWN)).isFalse();
        assertThat(Scope.of(actor(Role.GATE_CHECKER, null, null, null), Set.of()).permits("330203", OWN)).isFalse();
    }

    @Test
    void districtScopeOnATableWithoutDistrictMatchesNothing() {
        assertThat(Scope.district("330203").where(null, "id").sql()).isEqualTo("false");
    }
}
