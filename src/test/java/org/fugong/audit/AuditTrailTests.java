package org.fugong.audit;

import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

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
        var before = Pattern.compile("before=(\\d+)");
        String first = mockMvc.perform(get("/audit").with(as("city"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var firstNext = before.matcher(first);
        assertThat(firstNext.find()).as("a link to older entries").isTrue();
        long newest = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        // The next page starts 50 entries back: its link points 50 further back again.
        long pageEnd = Long.parseLong(firstNext.group(1));
        assertThat(pageEnd).isLessThan(newest);
        String older = mockMvc.perform(get("/audit").with(as("city")).param("before", Long.toString(pageEnd)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var olderNext = before.matcher(older);
        assertThat(olderNext.find()).isTrue();
        long olderEnd = Long.parseLong(olderNext.group(1));
        assertThat(olderEnd).isLessThan(pageEnd);
        assertThat(jdbc.sql("select count(*) from audit_event where id < ? and id >= ?").params(pageEnd, olderEnd)
                .query(Long.class).single()).isEqualTo(50);
    }
}
