package org.fugong.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.Review;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.supplychain.internal.ChainState;
import org.fugong.supplychain.internal.ChainWatch;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Chain filing (四同步) and what follows from it: applications started or linked and marked with the
 * chain, first in each district's queue; coordination tickets for outside suppliers, once; what the
 * lead, its district, the supplier and another district see; the lead told when a supplier's
 * approval unblocks its chain.
 */
class ChainFilingTests extends IntegrationTest {

    private static final String HAISHU = "330203";
    private static final String JIANGBEI = "330205";
    private static final String YINZHOU = "330212";

    @Autowired
    ApplicationReview review;

    @Autowired
    ApplicationDesk desk;

    @Autowired
    ChainState chainState;

    @Autowired
    ChainWatch watch;

    @Autowired
    RiskMapDesk riskMap;

    /**
     * Enterprises of a district whose current application is in one of the statuses (or that have
     * none, for an empty list), named in no supply chain and not a demo user's, newest credit codes
     * first (other supply-chain tests take the oldest).
     */
    private List<String> enterprises(String district, List<String> statuses, int count) {
        String status = statuses.isEmpty()
                ? "not exists (select 1 from resumption_application a where a.enterprise_id = e.id)"
                : "exists (select 1 from resumption_application a where a.enterprise_id = e.id and a.current"
                        + " and a.status = any(:statuses))";
        return jdbc.sql("select e.uscc from enterprise e where e.district_code = :district and " + status + """
                         and not exists (select 1 from supply_tree t where t.lead_id = e.id)
                         and not exists (select 1 from supply_link l where l.supplier_id = e.id or l.buyer_id = e.id)
                         and not exists (select 1 from account_user u where u.enterprise_id = e.id)
                        order by e.uscc desc limit :count""")
                .param("district", district)
                .param("statuses", statuses.toArray(String[]::new))
                .param("count", count)
                .query(String.class)
                .list();
    }

    private UUID id(String uscc) {
        return jdbc.sql("select id from enterprise where uscc = ?")
                .param(uscc)
                .query(UUID.class)
                .single();
    }

    private Application current(String uscc) {
        UUID applicationId = jdbc.sql("select id from resumption_application where enterprise_id = ? and current")
                .param(id(uscc))
                .query(UUID.class)
                .single();
        return desk.get(Scope.city(), applicationId);
    }

    private MvcTestResult put(String user, String lead, String json) {
        return sendJson(HttpMethod.PUT, user, "/api/supply-chains/" + lead, json);
    }

    private MvcTestResult file(String user, String lead, String plannedDate) {
        return sendJson(
                HttpMethod.POST,
                user,
                "/api/supply-chains/" + lead + "/filing",
                plannedDate == null ? "{}" : "{\"plannedDate\":\"" + plannedDate + "\"}");
    }

    private static String link(String supplier, String part, String importance) {
        return "{\"supplier\":\"" + supplier + "\",\"part\":\"" + part + "\",\"importance\":\"" + importance + "\"}";
    }

    @Test
    void aLeadFilesItsWholeChainOnceAndEachDistrictSeesItsSuppliersFirst() throws Exception {
        String lead = enterprises(HAISHU, List.of("APPROVED", "RESUMED"), 1).get(0);
        String waitingInJiangbei =
                enterprises(JIANGBEI, List.of("SUBMITTED"), 1).get(0);
        String neverFiled = enterprises(YINZHOU, List.of(), 1).get(0);
        String approved =
                enterprises(YINZHOU, List.of("APPROVED", "RESUMED"), 1).get(0);
        String tree = "{\"links\":[" + link(waitingInJiangbei, "gearbox", "CRITICAL") + ","
                + link(neverFiled, "cables", "IMPORTANT") + "," + link(approved, "paint", "MINOR") + ","
                + "{\"outsideName\":\"Jiangsu Hydraulics\",\"outsideRegion\":\"320282\",\"part\":\"pumps\","
                + "\"importance\":\"CRITICAL\"}]}";
        assertThat(put("haishu", lead, tree)).hasStatusOk();

        // A date is needed, today or later; nothing is filed without one.
        assertThat(file("haishu", lead, null)).hasStatus(422).bodyText().contains("plannedDate");
        assertThat(file("haishu", lead, today().minusDays(1).toString())).hasStatus(422);
        assertThat(file("haishu", lead, "2020-13-45")).hasStatus(422);
        assertThat(jdbc.sql("select count(*) from supply_filing where lead_id = ?")
                        .param(id(lead))
                        .query(Long.class)
                        .single())
                .isZero();
        // Another district cannot file Haishu's chain.
        assertThat(file("jiangbei", lead, today().plusDays(3).toString())).hasStatus(403);

        long mark = auditMark();
        MvcTestResult filed = file("haishu", lead, today().plusDays(3).toString());
        assertThat(filed).hasStatusOk().bodyJson().extractingPath("$.started").isEqualTo(1);
        assertThat(filed).bodyJson().extractingPath("$.linked").isEqualTo(2);
        assertThat(filed).bodyJson().extractingPath("$.tickets").isEqualTo(1);
        assertThat(auditSince(mark, "CHAIN_FILED")).hasSize(1);
        assertThat(auditSince(mark, "APPLICATION_CHAIN_STARTED")).hasSize(1);
        assertThat(auditSince(mark, "APPLICATION_CHAIN_LINKED")).hasSize(2);

        // The waiting supplier's own application is linked, keeps its status and names the lead.
        Application linked = current(waitingInJiangbei);
        assertThat(linked.status().name()).isEqualTo("SUBMITTED");
        assertThat(linked.chain()).isNotNull();
        assertThat(linked.chain().leadId()).isEqualTo(id(lead));
        // The supplier that had none has a draft started for it, with the lead's date, marked likewise.
        Application started = current(neverFiled);
        assertThat(started.status().name()).isEqualTo("DRAFT");
        assertThat(started.chain().leadId()).isEqualTo(id(lead));
        assertThat(jdbc.sql("select planned_date from resumption_application where id = ?")
                        .param(started.id())
                        .query(Date.class)
                        .single()
                        .toLocalDate())
                .isEqualTo(today().plusDays(3));
        // The supplier opens its started draft and finds it ready to complete (as the enterprise itself).
        Actor supplierUser = new Actor(
                UUID.randomUUID(),
                "supplier-test",
                "Supplier",
                Role.ENTERPRISE,
                "330200",
                YINZHOU,
                null,
                id(neverFiled),
                true,
                false,
                false,
                null);
        assertThat(mvc.get().uri("/applications/" + started.id() + "/edit").with(user(supplierUser)))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"application-form\"");
        assertThat(mvc.get().uri("/applications/" + started.id()).with(user(supplierUser)))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"chain-mark\"");
        // The outside supplier's paperwork is a coordination ticket of the lead's, about materials.
        assertThat(jdbc.sql("""
                        select count(*) from ticket where enterprise_id = ? and category = 'MATERIALS'
                          and title like '%Jiangsu Hydraulics%'""").param(id(lead)).query(Long.class).single()).isEqualTo(1);

        // Jiangbei's queue: the chain filing comes before every application that is not one, with its mark.
        Document queue = Jsoup.parse(mvc.get()
                .uri("/applications/queue")
                .with(as("jiangbei"))
                .exchange()
                .getResponse()
                .getContentAsString());
        List<Element> rows = queue.select("tr[data-application]");
        int at = -1;
        int firstPlain = Integer.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            Element row = rows.get(i);
            if (row.attr("data-application").equals(linked.id().toString())) {
                at = i;
                assertThat(row.select("[data-test=chain]").text()).contains(nameOf(lead));
            }
            if (row.select("[data-test=chain]").isEmpty()) {
                firstPlain = Math.min(firstPlain, i);
            }
        }
        assertThat(at).isGreaterThanOrEqualTo(0).isLessThan(firstPlain);
        // The reviewer sees the chain and the importance on the application.
        assertThat(mvc.get().uri("/applications/" + linked.id()).with(as("jiangbei")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"chain-mark\"")
                .contains(nameOf(lead));

        // Filing again: nothing new for the outside supplier, the same applications linked again.
        MvcTestResult again = file("haishu", lead, today().plusDays(4).toString());
        assertThat(again).hasStatusOk().bodyJson().extractingPath("$.tickets").isEqualTo(0);
        assertThat(again).bodyJson().extractingPath("$.started").isEqualTo(0);
        assertThat(jdbc.sql("select count(*) from resumption_application where enterprise_id = ?")
                        .param(id(neverFiled))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The lead and its district see each supplier's status, never an application's contents.
        MvcTestResult filing = mvc.get()
                .uri("/api/supply-chains/" + lead + "/filing")
                .with(as("haishu"))
                .exchange();
        assertThat(filing)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[?(@.creditCode == '" + waitingInJiangbei + "')].applicationStatus")
                .asArray()
                .containsExactly("SUBMITTED");
        assertThat(filing).bodyJson().extractingPath("$.filings").isEqualTo(2);
        assertThat(filing).bodyJson().extractingPath("$.items.length()").isEqualTo(4);
        assertThat(filing.getResponse().getContentAsString()).doesNotContain("measures", "commitment");
        assertThat(mvc.get().uri("/applications/" + linked.id()).with(as("haishu")))
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/supply-chains/" + lead + "/filing")
                        .with(as("jiangbei"))
                        .exchange())
                .hasStatus(403);
        // The tree page shows the filing and the districts it waits in.
        assertThat(mvc.get().uri("/supply-chains/" + id(lead)).with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"filing-items\"")
                .contains("data-test=\"waiting-districts\"")
                .contains("Jiangbei District");
    }

    @Test
    void aPageFilingWithoutADateExplainsItselfAndSavesNothing() {
        String lead = enterprises(HAISHU, List.of("APPROVED", "RESUMED"), 2).get(1);
        String supplier =
                enterprises(JIANGBEI, List.of("APPROVED", "RESUMED"), 1).get(0);
        assertThat(put("haishu", lead, "{\"links\":[" + link(supplier, "bolts", "MINOR") + "]}"))
                .hasStatusOk();
        assertThat(mvc.post()
                        .uri("/supply-chains/" + id(lead) + "/filing")
                        .param("plannedDate", "")
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus(422)
                .bodyText()
                .contains("is-invalid")
                .contains("Give the date the chain plans to resume");
        assertThat(mvc.post()
                        .uri("/supply-chains/" + id(lead) + "/filing")
                        .param("plannedDate", today().plusDays(1).toString())
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(current(supplier).chain()).isNotNull();
        // A lead without suppliers has nothing to file.
        String lonely = enterprises(HAISHU, List.of("APPROVED", "RESUMED"), 3).get(2);
        assertThat(file("city", lonely, today().plusDays(1).toString()))
                .hasStatus(422)
                .bodyText()
                .contains("links");
    }

    @Test
    void approvingTheLastWaitingSupplierUnblocksTheLeadWhichIsToldOnce() {
        long unfinished = unfinishedEvents();
        // The lead is not approved itself (like ent-haishu's shop): its chain is judged as if it were.
        String lead = enterprises(HAISHU, List.of("SUBMITTED"), 1).get(0);
        String waiting = enterprises(JIANGBEI, List.of("SUBMITTED"), 2).get(1);
        String running = enterprises(YINZHOU, List.of("APPROVED", "RESUMED"), 2).get(1);
        assertThat(put(
                        "haishu",
                        lead,
                        "{\"links\":[" + link(waiting, "spindles", "CRITICAL") + "," + link(running, "oil", "MINOR")
                                + "]}"))
                .hasStatusOk();
        UUID leadId = id(lead);
        MvcTestResult before = mvc.get()
                .uri("/api/supply-chains/" + lead + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(before).bodyJson().extractingPath("$.blocked").isEqualTo(true);
        assertThat(before).bodyJson().extractingPath("$.leadApproved").isEqualTo(false);
        assertThat(before)
                .bodyJson()
                .extractingPath("$.why.blockedParts[*].part")
                .asArray()
                .containsExactly("spindles");
        assertThat(before)
                .bodyJson()
                .extractingPath("$.unblockingSet[*].creditCode")
                .asArray()
                .containsExactly(waiting);
        // The page shows why at once and loads what would unblock it after itself.
        assertThat(mvc.get().uri("/supply-chains/" + leadId).with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"unblocking-pending\"")
                .doesNotContain("data-test=\"unblocking\"");
        assertThat(mvc.get().uri("/supply-chains/" + leadId + "/unblocking").with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"unblocking\"")
                .contains(nameOf(waiting));
        assertThat(mvc.get().uri("/supply-chains/" + leadId + "/unblocking").with(as("jiangbei")))
                .hasStatus(403);
        // The chain's standing is recorded once the tree is saved.
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("select count(*) from supply_lead_state where lead_id = ? and not suppliers_ready")
                                        .param(leadId)
                                        .query(Long.class)
                                        .single()
                                == 1);
        assertThat(file("haishu", lead, today().plusDays(1).toString())).hasStatusOk();

        Application application = current(waiting);
        // The filing's own reaction (a rebuild from what it committed) is over before the approval.
        await().atMost(Duration.ofSeconds(10)).until(() -> unfinishedEvents() <= unfinished);
        chainState.current();
        long rebuilds = chainState.rebuilds();
        review.decide(
                actor("jiangbei"),
                Scope.district(JIANGBEI),
                application.id(),
                application.version(),
                new Review(Review.Outcome.APPROVE, Map.of(), "配套企业，同意"));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("""
                                select count(*) from notification
                                where recipient_kind = 'ENTERPRISE' and recipient = ? and kind = 'CHAIN_SUPPLIERS_READY'""").param(leadId.toString()).query(Long.class).single() == 1);
        // Applied to the graph where it stands: only what depends on the supplier is recomputed.
        assertThat(chainState.rebuilds()).isEqualTo(rebuilds);
        MvcTestResult after = mvc.get()
                .uri("/api/supply-chains/" + lead + "/analysis")
                .with(as("haishu"))
                .exchange();
        assertThat(after).bodyJson().extractingPath("$.blocked").isEqualTo(false);
        assertThat(after).bodyJson().extractingPath("$.leadApproved").isEqualTo(false);
        // Told once: the standing is recorded, and another reconciliation finds nothing new to tell.
        assertThat(jdbc.sql("select suppliers_ready from supply_lead_state where lead_id = ?")
                        .param(leadId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(watch.reconcile()).noneMatch(changed -> changed.leadId().equals(leadId));
        assertThat(jdbc.sql("select count(*) from notification where recipient = ? and kind like 'CHAIN_%'")
                        .param(leadId.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // The supplier's approval suspended again blocks the chain, and the lead hears which part.
        Application approved = current(waiting);
        review.suspend(actor("jiangbei"), Scope.district(JIANGBEI), approved.id(), approved.version(), "复查");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("""
                                select count(*) from notification
                                where recipient_kind = 'ENTERPRISE' and recipient = ? and kind = 'CHAIN_BLOCKED'
                                  and text like '%spindles%'""").param(leadId.toString()).query(Long.class).single() == 1);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("haishu")))
                .bodyJson()
                .extractingPath("$.nodes[?(@.creditCode == '" + waiting + "')].state")
                .asArray()
                .containsExactly("HELD");
    }

    @Test
    void aSupplierSeesItsLeadsStandingButNotTheOtherSuppliers() {
        UUID factory = enterpriseOf("ent-jiangbei");
        String factoryCode = jdbc.sql("select uscc from enterprise where id = ?")
                .param(factory)
                .query(String.class)
                .single();
        String lead = enterprises(HAISHU, List.of("APPROVED", "RESUMED"), 4).get(3);
        String other = enterprises(YINZHOU, List.of("SUBMITTED"), 3).get(2);
        assertThat(put(
                        "haishu",
                        lead,
                        "{\"links\":[" + link(factoryCode, "precision shafts", "CRITICAL") + ","
                                + link(other, "housings", "IMPORTANT") + "]}"))
                .hasStatusOk();
        // ent-jiangbei's own page lists the lead it supplies, with the lead's state.
        assertThat(mvc.get().uri("/supply-chains/" + factory).with(as("ent-jiangbei")))
                .hasStatusOk()
                .bodyText()
                .contains("data-test=\"supplied\"")
                .contains(nameOf(lead))
                .contains("precision shafts");
        assertThat(mvc.get().uri("/api/supply-chains/supplied/" + factoryCode).with(as("ent-jiangbei")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[?(@.lead.creditCode == '" + lead + "')].lead.state")
                .asArray()
                .containsExactly("BLOCKED");
        // Not the lead's tree, its analysis or filing, nor another supplier's application.
        assertThat(mvc.get().uri("/api/supply-chains/" + lead).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/" + lead + "/analysis").with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/applications/" + current(other).id()).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/supply-chains/supplied/" + factoryCode).with(as("ent-haishu")))
                .hasStatus(403);
        // Jiangbei cannot change or file Haishu's tree.
        assertThat(put("jiangbei", lead, "{\"links\":[]}")).hasStatus(403);
        assertThat(mvc.post()
                        .uri("/supply-chains/" + id(lead) + "/filing")
                        .param("plannedDate", today().plusDays(1).toString())
                        .with(as("jiangbei"))
                        .with(csrf()))
                .hasStatus(403);
    }

    private long unfinishedEvents() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class)
                .single();
    }

    private String nameOf(String uscc) {
        return jdbc.sql("select name from enterprise where uscc = ?")
                .param(uscc)
                .query(String.class)
                .single();
    }

    @Test
    void aSupplierHeldByItsDistrictsColourPassesToReviewWhenAKeyLeadsChainLinksIt() {
        // A key lead in Haishu, a waiting supplier of the general category in Yinzhou, Yinzhou red.
        String lead = jdbc.sql("""
                        select e.uscc from enterprise e where e.district_code = ? and e.key_enterprise
                          and not exists (select 1 from supply_tree t where t.lead_id = e.id)
                          and not exists (select 1 from account_user u where u.enterprise_id = e.id)
                        order by e.uscc limit 1""").param(HAISHU).query(String.class).single();
        String supplier = jdbc.sql("""
                        select e.uscc from enterprise e join resumption_application a on a.enterprise_id = e.id
                        where e.district_code = ? and a.current and a.status = 'SUBMITTED'
                          and a.policy_category = 'GENERAL' and a.chain_lead_id is null
                          and not exists (select 1 from supply_link l where l.supplier_id = e.id)
                        order by e.uscc limit 1""").param(YINZHOU).query(String.class).single();
        UUID override = riskMap.override(
                        actor("city"),
                        YINZHOU,
                        RiskColour.RED,
                        "test",
                        Instant.now().plus(Duration.ofHours(2)))
                .id();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> "HOLD".equals(policyOf(supplier)[0]));
            assertThat(put("haishu", lead, "{\"links\":[" + link(supplier, "valves", "CRITICAL") + "]}"))
                    .hasStatusOk();
            assertThat(file("haishu", lead, today().plusDays(2).toString())).hasStatusOk();
            // Ruled again as a colour change would: the key-chain row (review) instead of its own (hold).
            assertThat(policyOf(supplier)).containsExactly("REVIEW", "KEY_CHAIN_SUPPLIER");
            assertThat(current(supplier).chain().keyLead()).isTrue();
        } finally {
            riskMap.endOverride(actor("city"), override);
        }
    }

    private String[] policyOf(String uscc) {
        return jdbc.sql("""
                        select policy_decision, policy_category from resumption_application
                        where enterprise_id = ? and current""")
                .param(id(uscc))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
    }
}
