package org.fugong.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.audit.internal.AuditQuery;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.IllegalTransactionStateException;

class AuditTrailTests extends IntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditQuery query;

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() {
        assertThatThrownBy(() ->
                        jdbc.sql("update audit_event set actor = 'forger'").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'forger'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void recordingNeedsTheTransactionOfTheChange() {
        assertThatThrownBy(() -> trail.record(AuditEntry.of("audit", "Probe", "1", "PROBED")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void districtOfficialReadsOnlyItsDistrictsEntries() throws Exception {
        // An enterprise of each district, as the registry recorded it.
        String haishuEnterprise = registeredIn("330203");
        String jiangbeiEnterprise = registeredIn("330205");
        assertThat(rows("haishu", haishuEnterprise)).contains(haishuEnterprise);
        assertThat(rows("haishu", jiangbeiEnterprise)).doesNotContain(jiangbeiEnterprise);
        assertThat(rows("city", jiangbeiEnterprise)).contains(jiangbeiEnterprise);
        // And every row the query gives Haishu is Haishu's.
        var rows = query.page(
                        Scope.district("330203"), new AuditQuery.Filter(null, null, null, null, null, null), null, 200)
                .items();
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.districtCode()).isEqualTo("330203"));
    }

    @Test
    void theTrailPagesBackwardsInTimeWithoutGapsOrRepeats() throws Exception {
        var all = new AuditQuery.Filter(null, null, null, null, null, null);
        var first = query.page(Scope.city(), all, null, 50);
        assertThat(first.items()).hasSize(50);
        assertThat(first.next()).isNotNull();
        var second = query.page(Scope.city(), all, first.next(), 50);
        long firstOldest = first.items().get(49).id();
        assertThat(second.items())
                .hasSize(50)
                .allSatisfy(row -> assertThat(row.id()).isLessThan(firstOldest));
        long secondNewest = second.items().get(0).id();
        // Nothing between the two pages is skipped.
        assertThat(jdbc.sql("select count(*) from audit_event where id < ? and id > ?")
                        .params(firstOldest, secondNewest)
                        .query(Long.class)
                        .single())
                .isZero();
        // The page offers the next one; htmx asks for it and gets its rows.
        String html = page("city", "/audit");
        assertThat(html).contains("data-test=\"more\"").contains("after=" + first.next());
        String more = mvc.perform(get("/audit")
                        .with(as("city"))
                        .header("HX-Request", "true")
                        .param("after", first.next()))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(more).doesNotContain("<html").contains("<tr");
    }

    private String registeredIn(String district) {
        return jdbc.sql("""
                        select entity_id from audit_event where action = 'ENTERPRISE_REGISTERED' and district_code = ?
                        order by id limit 1""").param(district).query(String.class).single();
    }

    /** The text of the rows of the trail a user reads for one entity. */
    private String rows(String user, String entity) throws Exception {
        return Jsoup.parse(page(user, "/audit?action=ENTERPRISE_REGISTERED&entity=" + entity))
                .select("[data-test=audit] tbody tr")
                .text();
    }

    private String page(String user, String uri) throws Exception {
        return mvc.perform(get(uri).with(as(user))).getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
