package org.fugong.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Role;
import org.fugong.accounts.UserAdministration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The enterprises a commissioner answers for: what his scope is made of. */
class CommissionerAssignmentsTests extends IntegrationTest {

    @Autowired
    CommissionerAssignments assignments;

    @Autowired
    UserAdministration users;

    @Test
    void theDemoCommissionerAnswersForSixHaishuEnterprisesAndSeesThoseOnly() {
        var commissioner = actor("commissioner");
        var assigned = assignments.enterprisesOf(commissioner.id());
        assertThat(assigned).hasSize(6);
        List<String> districts = jdbc.sql("select district_code from enterprise where id = any(?)")
                .param(assigned.toArray(UUID[]::new))
                .query(String.class)
                .list();
        assertThat(districts).hasSize(6).containsOnly("330203");
        var scope = scope("commissioner");
        assigned.forEach(
                enterprise -> assertThat(scope.permits("330203", enterprise)).isTrue());
        UUID other = jdbc.sql("select id from enterprise where district_code = '330203' and not id = any(?) limit 1")
                .param(assigned.toArray(UUID[]::new))
                .query(UUID.class)
                .single();
        assertThat(scope.permits("330203", other)).isFalse();
    }

    @Test
    void anAssignmentIsMadeOnceAndAudited() {
        UUID commissioner = users.createAsSystem(
                new UserAdministration.NewUser(
                        "commissioner-" + UUID.randomUUID().toString().substring(0, 8),
                        "测试专员",
                        Role.COMMISSIONER,
                        "330205",
                        null,
                        null),
                "a-long-test-password-1",
                false);
        UUID enterprise = enterpriseOf("ent-jiangbei");
        long mark = auditMark();
        assertThat(assignments.enterprisesOf(commissioner)).isEmpty();
        assignments.assign(commissioner, enterprise, "330205", "city");
        assignments.assign(commissioner, enterprise, "330205", "city");
        assertThat(assignments.enterprisesOf(commissioner)).containsExactly(enterprise);
        assertThat(auditSince(mark, "COMMISSIONER_ASSIGNED"))
                .extracting(e -> e[0])
                .containsExactly(commissioner + "/" + enterprise);
    }
}
