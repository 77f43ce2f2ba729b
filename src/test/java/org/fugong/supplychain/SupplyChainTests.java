package org.fugong.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Supplier trees through the API and the pages, on graphs made here: alternatives, tiers, a cycle,
 * an outside supplier; blocked or not and why, single points of failure, the unblocking set, the
 * ranking; all-or-nothing with every problem; scoping.
 */
class SupplyChainTests extends IntegrationTest {

    @Autowired
    ChainFigures figures;

    /** Haishu enterprises whose current application is approved or resumed (they may run), and ones that are not. */
    private List<String> haishu(boolean mayRun, int count, int offset) {
        return jdbc.sql("""
                        select e.uscc from enterprise e
                        where e.district_code = '330203'
                          and (exists (select 1 from resumption_application a where a.enterprise_id = e.id and a.current
                                       and a.status in ('APPROVED', 'RESUMED'))) = ?
                          and not exists (select 1 from supply_tree t where t.lead_id = e.id)
                        order by e.uscc offset ? limit ?""").params(mayRun, offset, count).query(String.class).list();
    }

    private MvcTestResult put(String user, String lead, String json) {
        return sendJson(HttpMethod.PUT, user, "/api/supply-chains/" + lead, json);
    }

    private static String link(String buyer, String supplier, String part) {
        return "{\"buyer\":\"" + buyer + "\",\"supplier\":\"" + supplier + "\",\"part\":\"" + part + "\"}";
    }

    @Test
    void alternativesTiersACycleAndAnOutsideSupplierGiveTheRightAnswersAndReasons() {
        List<String> up = haishu(true, 6, 0);
        List<String> down = haishu(false, 2, 0);
        String lead = up.get(0);
        String a = up.get(1); // alternative 1 for "steel"
        String w = down.get(0); // alternative 2, not approved
        String b = up.get(2); // "motor", needs "coil" from c (tier 2)
        String c = up.get(3); // and c needs "magnet" from b: mutual supply
        String d = down.get(1); // "paint", alone: blocks
        String json = "{\"links\":[" + link("", a, "steel") + "," + link("", w, "steel") + "," + link("", b, "motor")
                + "," + link(b, c, "coil") + "," + link(c, b, "magnet") + ","
                + "{\"outsideName\":\"Jiangsu Bearings\",\"outsideRegion\":\"320582\",\"part\":\"bearing\",\"importance\":\"CRITICAL\"}"
                + "," + link("", d, "paint") + "],\"needs\":[{\"kind\":\"STAFF\",\"text\":\"40 welders\"}]}";
        MvcTestResult saved = put("haishu", lead, json);
        assertThat(saved)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.links.length()")
                .isEqualTo(7);
        // b and c supply each other: one group of mutual supply, nothing else.
        assertThat(saved).bodyJson().extractingPath("$.mutualSupply.length()").isEqualTo(1);
        assertThat(saved)
                .bodyJson()
                .extractingPath("$.mutualSupply[0].length()")
                .isEqualTo(2);

        // Blocked: paint (d not approved) and the bearing (outside, status unknown).
        MvcTestResult analysis = mvc.get()
                .uri("/api/supply-chains/" + lead + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(analysis)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.blocked")
                .isEqualTo(true);
        assertThat(analysis)
                .bodyJson()
                .extractingPath("$.why.blockedParts[*].part")
                .asArray()
                .containsExactlyInAnyOrder("paint", "bearing");
        assertThat(analysis)
                .bodyJson()
                .extractingPath("$.unblockingSet.length()")
                .isEqualTo(2);
        assertThat(analysis)
                .bodyJson()
                .extractingPath("$.unblockingSet[*].outside")
                .asArray()
                .containsExactlyInAnyOrder(true, false);

        // Replace the paint supplier by an approved one and record the outside supplier running: it runs.
        String e = up.get(4);
        String fixed = json.replace(link("", d, "paint"), link("", e, "paint"));
        assertThat(put("haishu", lead, fixed)).hasStatusOk();
        UUID outside = jdbc.sql("select id from supply_outside where name = 'Jiangsu Bearings'")
                .query(UUID.class)
                .single();
        assertThat(mvc.post()
                        .uri("/supply-chains/outside/" + outside)
                        .param("status", "RUNNING")
                        .param("lead", UUID.randomUUID().toString())
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        MvcTestResult running = mvc.get()
                .uri("/api/supply-chains/" + lead + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(running).bodyJson().extractingPath("$.blocked").isEqualTo(false);
        // Steel's alternative w is not approved, so a is a single point of failure as much as the motor's
        // cycle (b, c), the paint and the bearing (the null: outside, no credit code); w is not.
        assertThat(running)
                .bodyJson()
                .extractingPath("$.singlePointsOfFailure[*].creditCode")
                .asArray()
                .containsExactlyInAnyOrder(a, b, c, e, null)
                .doesNotContain(w);
        // The tree shows each node's state.
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("haishu")))
                .bodyJson()
                .extractingPath("$.nodes[?(@.creditCode == '" + w + "')].state")
                .asArray()
                .containsExactly("WAITING");
        // The ranking counts the lead under each of its single points of failure.
        assertThat(mvc.get()
                        .uri("/api/supply-chains/criticality?district=330203")
                        .with(as("haishu")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].supplier.creditCode")
                .asArray()
                .contains(b, c, e);
        // Pages show the same.
        assertThat(mvc.get()
                        .uri("/supply-chains/"
                                + jdbc.sql("select id from enterprise where uscc = ?")
                                        .param(lead)
                                        .query(UUID.class)
                                        .single())
                        .with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"spof\"")
                .contains("data-test=\"mutual-supply\"")
                .contains("40 welders");
        assertThat(mvc.get().uri("/supply-chains/criticality").with(as("haishu")))
                .hasStatusOk();
    }

    @Test
    void aTreeIsTakenWholeOrNotAtAllWithEveryProblemNamed() {
        List<String> up = haishu(true, 3, 6);
        String lead = up.get(0);
        String good = "{\"links\":[" + link("", up.get(1), "glass") + "]}";
        assertThat(put("haishu", lead, good)).hasStatusOk();
        String bad = "{\"links\":[" + link("", up.get(2), "sand") + "," + link("", "91330200XXXXXXXXX0", "x") + ","
                + link("91330200YYYYYYYYY0", up.get(2), "y") + ","
                + "{\"outsideName\":\"Near\",\"outsideRegion\":\"330281\",\"part\":\"z\"}," + link("", lead, "self")
                + "," + link("", up.get(2), "") + "],\"needs\":[{\"kind\":\"MONEY\",\"text\":\"\"}]}";
        assertThat(put("haishu", lead, bad))
                .hasStatus(422)
                .bodyText()
                .contains("links[1].supplier")
                .contains("links[2].buyer")
                .contains("links[3].outsideRegion")
                .contains("links[4].supplier")
                .contains("links[5].part")
                .contains("needs[0].kind")
                .contains("needs[0].text");
        // The tree is as it was.
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("haishu")))
                .bodyJson()
                .extractingPath("$.links[*].part")
                .asArray()
                .containsExactly("glass");
        // A file: the same rules, line by line.
        String csv = "buyer,supplier,outside_name,outside_region,part,importance\n," + up.get(2) + ",,,sand,CRITICAL\n"
                + ",,Anhui Glass,341122,glass,\n";
        UUID leadId = jdbc.sql("select id from enterprise where uscc = ?")
                .param(lead)
                .query(UUID.class)
                .single();
        assertThat(mvc.post()
                        .multipart()
                        .uri("/supply-chains/" + leadId + "/import")
                        .file(new MockMultipartFile("file", "t.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("haishu")))
                .bodyJson()
                .extractingPath("$.links.length()")
                .isEqualTo(2);
        long audited = jdbc.sql(
                        "select count(*) from audit_event where action = 'SUPPLY_TREE_REPLACED' and entity_id = ?")
                .param(leadId.toString())
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(2);
    }

    @Test
    void anotherDistrictCannotEditOrReadAHaishuTreeAndAnotherEnterpriseCannotRead() {
        String lead = haishu(true, 2, 10).get(0);
        String supplier = haishu(true, 2, 10).get(1);
        assertThat(put("haishu", lead, "{\"links\":[" + link("", supplier, "oil") + "]}"))
                .hasStatusOk();
        assertThat(put("jiangbei", lead, "{\"links\":[]}")).hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead + "/analysis").with(as("ent-haishu")))
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/supply-chains/criticality?district=330203")
                        .with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("haishu")))
                .bodyJson()
                .extractingPath("$.links.length()")
                .isEqualTo(1);
        assertThat(mvc.get().uri("/v3/api-docs").with(as("city")))
                .bodyText()
                .contains("/api/supply-chains/{leadCreditCode}/analysis");
    }

    @Test
    void theDemoHasABigLeadOverThreeTiersAFilingInTwoDistrictsOneWithMutualSupplyAndAHeldOne() {
        List<String> leads = jdbc.sql("""
                        select e.uscc from supply_tree t join enterprise e on e.id = t.lead_id
                        where t.updated_by = 'demo' order by (select count(*) from supply_link l where l.lead_id = t.lead_id) desc""").query(String.class).list();
        assertThat(leads).hasSize(4);
        MvcTestResult big = mvc.get()
                .uri("/api/supply-chains/" + leads.get(0))
                .with(as("haishu"))
                .exchange();
        assertThat(big)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.links.length()")
                .asNumber()
                .satisfies(n -> assertThat(n.intValue()).isGreaterThan(90));
        assertThat(big)
                .bodyJson()
                .extractingPath("$.nodes[?(@.outside == true)].region")
                .asArray()
                .contains("440306");
        MvcTestResult bigAnalysis = mvc.get()
                .uri("/api/supply-chains/" + leads.get(0) + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(bigAnalysis).bodyJson().extractingPath("$.blocked").isEqualTo(false);
        // The filing (five links) waits in two districts.
        MvcTestResult filing = mvc.get()
                .uri("/api/supply-chains/" + leads.get(1) + "/filing")
                .with(as("city"))
                .exchange();
        assertThat(filing)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[?(@.applicationStatus in ['SUBMITTED', 'IN_REVIEW'])].districtCode")
                .asArray()
                .hasSize(4)
                .doesNotContain("330205")
                .satisfies(d -> assertThat(Arrays.stream(d).distinct()).hasSize(2));
        // The mutual supply (three links) runs; the other (two links) waits for its moulds supplier, held.
        assertThat(mvc.get()
                        .uri("/api/supply-chains/" + leads.get(2) + "/analysis")
                        .with(as("haishu")))
                .bodyJson()
                .extractingPath("$.blocked")
                .isEqualTo(false);
        MvcTestResult held = mvc.get()
                .uri("/api/supply-chains/" + leads.get(3) + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(held).bodyJson().extractingPath("$.why.blockedParts[0].part").isEqualTo("moulds");
        assertThat(held)
                .bodyJson()
                .extractingPath("$.why.blockedParts[0].suppliers[0].node.state")
                .isEqualTo("HELD");
    }

    @Test
    void theDashboardCountsAddUpAndAreScoped() {
        ChainFigures.Figures city = figures.figures(scope("city"));
        ChainFigures.Counts total = city.total();
        assertThat(total.leads()).isGreaterThanOrEqualTo(4);
        assertThat(total.running() + total.waitingForOwnApproval() + total.blockedBySuppliers())
                .isEqualTo(total.leads());
        assertThat(city.districts().stream()
                        .mapToLong(ChainFigures.Counts::leads)
                        .sum())
                .isEqualTo(total.leads());
        // The demo's leads are in Haishu; its filing's four suppliers wait in two other districts.
        ChainFigures.Figures haishu = figures.figures(scope("haishu"));
        assertThat(haishu.districts())
                .extracting(ChainFigures.Counts::districtCode)
                .containsOnly("330203");
        assertThat(haishu.total().filedSuppliersWaiting()).isGreaterThanOrEqualTo(4);
        assertThat(haishu.total().blockedBySuppliers()).isGreaterThanOrEqualTo(1);
        // Jiangbei sees only its own leads' counts.
        List<String> jiangbei = jdbc.sql("""
                        select e.uscc from enterprise e where e.district_code = '330205'
                          and not exists (select 1 from supply_tree t where t.lead_id = e.id)
                          and not exists (select 1 from account_user u where u.enterprise_id = e.id)
                        order by e.uscc limit 2""").query(String.class).list();
        assertThat(put("jiangbei", jiangbei.get(0), "{\"links\":[" + link("", jiangbei.get(1), "rope") + "]}"))
                .hasStatusOk();
        assertThat(figures.figures(scope("jiangbei")).districts())
                .extracting(ChainFigures.Counts::districtCode)
                .containsOnly("330205");
    }
}
