package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** An employer sees the colours of the staff who consented, and never another enterprise's staff. */
class StaffTests extends IntegrationTest {

    @Autowired
    Staff staff;

    @Autowired
    Persons persons;

    @Autowired
    EnterpriseDirectory enterprises;

    @Test
    void anEmployerSeesOnlyItsConsentingStaff() throws Exception {
        var person = persons.identify(HealthCodeTests.residentId(new Random()), "秦八", "13800001212");
        String jiangbeiUscc =
                enterprises.get(Scope.city(), enterpriseOf("ent-jiangbei")).uscc();
        assertThat(staff.consent(person.id(), jiangbeiUscc.toLowerCase())).isPresent();
        assertThat(staff.of(actor("ent-jiangbei")))
                .extracting(Staff.Member::personId)
                .contains(person.id());
        assertThat(staff.of(actor("ent-haishu")))
                .extracting(Staff.Member::personId)
                .doesNotContain(person.id());
        // The demo: forty of the city's code holders share with ent-haishu's enterprise, in more than one colour.
        var haishu = staff.of(actor("ent-haishu"));
        assertThat(haishu).hasSizeGreaterThanOrEqualTo(40);
        assertThat(staff.counts(actor("ent-haishu")).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(haishu.size());
        assertThat(haishu).extracting(Staff.Member::colour).contains(CodeColour.GREEN);
        String page = mvc.get()
                .uri("/health/staff")
                .with(as("ent-jiangbei"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("秦*").doesNotContain(haishu.get(0).personId().toString());
        assertThatThrownBy(() -> staff.of(actor("haishu"))).isInstanceOf(AccessDeniedException.class);
        staff.withdraw(person.id(), enterpriseOf("ent-jiangbei"));
        assertThat(staff.of(actor("ent-jiangbei")))
                .extracting(Staff.Member::personId)
                .doesNotContain(person.id());
        assertThat(staff.consent(person.id(), "91330200XXXXXXXXXX")).isEmpty();
    }

    @Test
    void theDemoHasCodesOfEveryColour() {
        assertThat(jdbc.sql("select distinct colour from health_status")
                        .query(String.class)
                        .list())
                .contains("GREEN", "YELLOW", "RED");
        assertThat(jdbc.sql("select count(*) from health_person")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(300);
    }
}
