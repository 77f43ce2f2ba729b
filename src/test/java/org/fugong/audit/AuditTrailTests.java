package org.fugong.audit;

import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class AuditTrailTests extends IntegrationTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    MockMvc mockMvc;

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() {
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'forger'").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'forger'").query(Long.class).single()).isZero();
    }

    @Test
    void recordingNeedsTheTransactionOfTheChange() {
        assertThatThrownBy(() -> trail.record(AuditEntry.of("audit", "Probe", "1", "PROBED")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void districtOfficialReadsOnlyItsDistrictsEntries() throws Exception {
        String haishu = mockMvc.perform(get("/audit").with(as("haishu")).param("action", "ENTERPRISE_REGISTERED"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(haishu).contains("ENTERPRISE_REGISTERED").contains("330203").doesNotContain("\"districtCode\":\"330205\"");
        long jiangbeiEntries = jdbc.sql("select count(*) from audit_event where district_code = '330205'").query(Long.class).single();
        assertThat(jiangbeiEntries).isPositive();
    }

    @Test
    void theTrailPagesBackwardsInTime() throws Exception {
        String first = mockMvc.perform(get("/audit").with(as("city"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(first).contains("before=");
        long newest = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        String older = mockMvc.perform(get("/audit").with(as("city")).param("before", Long.toString(newest - 10)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(older).contains("<tbody>");
    }
}
