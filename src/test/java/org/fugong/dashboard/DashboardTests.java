package org.fugong.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.dashboard.internal.Briefs;
import org.fugong.dashboard.internal.IndexRules;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.ResumptionFigures;
import org.fugong.healthcode.CodeFigures;
import org.fugong.visits.VisitBackfill;
import org.fugong.visits.VisitFigures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index and the command center as their users meet them: the grid's file for a district gives
 * parts and composites equal to the formula applied to it, a bad line saves nothing, past days keep
 * their snapshot when the rules change, the city sees every district and a district itself and the
 * city, an approval reaches the live figures without a reload, the wall-screen link opens without a
 * login until revoked, and the daily brief is made once, kept and in Chinese.
 */
class DashboardTests extends IntegrationTest {

    static final String JIANGBEI = "330205";
    static final String HAISHU = "330203";

    @Autowired
    JsonMapper json;

    @Autowired
    LiveFigures live;

    @Autowired
    Briefs briefs;

    @Autowired
    IndexRules rules;

    @Autowired
    ApplicationReview review;

    @Autowired
    VisitBackfill backfill;

    @Autowired
    MessageSource messages;

    @Autowired
    VisitFigures visitFigures;

    @Autowired
    CodeFigures codeFigures;

    @Autowired
    ResumptionFigures resumption;

    private MvcTestResult upload(String user, String uri, String csv) {
        return mvc.post()
                .multipart()
                .uri(uri)
                .file(new MockMultipartFile("file", "grid.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(as(user))
                .with(csrf())
                .exchange();
    }

    private JsonNode getJson(String user, String uri) throws Exception {
        MvcTestResult result = mvc.get().uri(uri).with(as(user)).exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static JsonNode district(JsonNode index, String code) {
        for (JsonNode d : index.path("districts")) {
            if (d.path("district").asString().equals(code)) {
                return d;
            }
        }
        throw new AssertionError("No district " + code + " in " + index);
    }

    private List<String> usccs(String district) {
        return jdbc.sql("select uscc from enterprise where district_code = ? order by uscc")
                .param(district)
                .query(String.class)
                .list();
    }

    /** Refreshes the live figures now (waiting while the scheduled refresh holds them). */
    private void refreshed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> live.refresh(true));
    }

    private long electricityRows() {
        return jdbc.sql("select count(*) from dashboard_electricity")
                .query(Long.class)
                .single();
    }

    @Test
    void aDistrictsFileGivesTheFormulaOfItsData() throws Exception {
        LocalDate day = LocalDate.of(2021, 6, 15);
        List<String> codes = usccs(JIANGBEI);
        int n = codes.size();
        StringBuilder baselines = new StringBuilder("credit_code,account,kwh_per_day\n");
        StringBuilder daily = new StringBuilder("credit_code,account,date,kwh\n");
        double used = 0;
        int resumed = 0;
        for (int i = 0; i < n; i++) {
            double baseline = 1000 + 10 * i;
            baselines.append(codes.get(i)).append(",,").append(baseline).append('\n');
            if (i % 3 == 2) {
                continue; // no figure that day: it used nothing as far as the index knows
            }
            double kwh = i % 3 == 0 ? baseline * 0.6 : baseline * 0.2; // above and below the 30 % threshold
            kwh = Math.round(kwh * 100) / 100.0;
            used += kwh;
            resumed += i % 3 == 0 ? 1 : 0;
            String account = i == 0 ? "GRID-JB-0001" : "";
            daily.append(codes.get(i))
                    .append(',')
                    .append(account)
                    .append(',')
                    .append(day)
                    .append(',')
                    .append(kwh)
                    .append('\n');
        }
        double baselineSum = 0;
        for (int i = 0; i < n; i++) {
            baselineSum += 1000 + 10 * i;
        }
        long mark = auditMark();
        assertThat(upload("jiangbei", "/dashboard/electricity/baselines", baselines.toString()))
                .hasStatus3xxRedirection();
        assertThat(upload("jiangbei", "/dashboard/electricity", daily.toString()))
                .hasStatus3xxRedirection();
        assertThat(auditSince(mark, "ELECTRICITY_IMPORTED")).hasSize(1);
        assertThat(auditSince(mark, "BASELINES_IMPORTED")).hasSize(1);

        JsonNode index = getJson("jiangbei", "/api/index?date=" + day);
        JsonNode jiangbei = district(index, JIANGBEI);
        JsonNode parts = jiangbei.path("parts");
        assertThat(parts.path("ELECTRICITY_RESUMED").path("numerator").asDouble())
                .isEqualTo(resumed);
        assertThat(parts.path("ELECTRICITY_RESUMED").path("denominator").asDouble())
                .isEqualTo(n);
        assertThat(parts.path("PRODUCTION").path("numerator").asDouble()).isCloseTo(used, within(0.01));
        assertThat(parts.path("PRODUCTION").path("denominator").asDouble()).isCloseTo(baselineSum, within(0.01));
        double expected = Math.round((50 * used / baselineSum + 50.0 * resumed / n) * 100) / 100.0;
        assertThat(jiangbei.path("stateGrid").asDouble()).isCloseTo(expected, within(0.005));
        assertThat(jiangbei.path("composite").asDouble()).isCloseTo(expected, within(0.005));
        assertThat(jiangbei.path("shown").asString()).isEqualTo("STATE_GRID");
        assertThat(jiangbei.path("electricityDay").asString()).isEqualTo(day.toString());
        // A district sees itself and the city, nothing of the others.
        assertThat(index.path("districts"))
                .extracting(d -> d.path("district").asString())
                .containsExactly(JIANGBEI, "city");

        // The account remembered with the credit code identifies the enterprise from now on.
        String byAccount = "credit_code,account,date,kwh\n,GRID-JB-0001," + day + ",0\n";
        assertThat(upload("jiangbei", "/dashboard/electricity", byAccount)).hasStatus3xxRedirection();
        assertThat(jdbc.sql("""
                        select x.kwh from dashboard_electricity x join dashboard_meter m on m.enterprise_id = x.enterprise_id
                        where m.account_no = 'GRID-JB-0001' and x.day = ?""").param(Date.valueOf(day)).query(Double.class).single())
                .isZero();
        // The day was recorded when first asked: the later correction does not rewrite it.
        JsonNode again = district(getJson("city", "/api/index?date=" + day), JIANGBEI);
        assertThat(again.path("stateGrid").asDouble()).isCloseTo(expected, within(0.005));
    }

    @Test
    void oneBadLineSavesNothingAndSaysWhere() throws Exception {
        long before = electricityRows();
        List<String> codes = usccs(HAISHU);
        String file = "credit_code,account,date,kwh\n"
                + codes.get(0) + ",,2021-07-01,100\n"
                + codes.get(1) + ",,2021-07-01,lots\n"
                + codes.get(2) + ",,2021-07-32,100\n";
        MvcTestResult zh = upload("haishu", "/dashboard/electricity?lang=zh_CN", file);
        assertThat(zh).hasStatus(422);
        assertThat(zh.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("第 3 行，kwh：不是有效的千瓦时数")
                .contains("第 4 行，date：不是日期");
        MvcTestResult en = upload("haishu", "/dashboard/electricity?lang=en", file);
        assertThat(en.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Line 3, kwh: Not a number of kWh");
        // A district sends only its own enterprises' figures.
        String other = "credit_code,account,date,kwh\n" + usccs(JIANGBEI).get(0) + ",,2021-07-01,100\n";
        assertThat(upload("haishu", "/dashboard/electricity?lang=en", other)
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("Line 2, credit_code: This enterprise is not in your district.");
        // The API answers every bad item.
        MvcTestResult api = sendJson(HttpMethod.POST, "haishu", "/api/index/electricity", """
                [{"creditCode": "%s", "date": "2021-07-01", "kwh": "12.5"},
                 {"creditCode": "91330200XXXXXXXXXX", "date": "2021-07-01", "kwh": "1"},
                 {"date": "2021-07-01", "kwh": "-4"}]""".formatted(codes.get(0)));
        assertThat(api).hasStatus(422);
        JsonNode problems = json.readTree(api.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .path("problems");
        assertThat(problems)
                .extracting(p -> p.path("item").asInt() + ":" + p.path("field").asString())
                .containsExactly("2:credit_code", "3:credit_code", "3:kwh");
        assertThat(electricityRows()).isEqualTo(before);
        // And takes a good batch.
        MvcTestResult ok = sendJson(HttpMethod.POST, "haishu", "/api/index/electricity", """
                [{"creditCode": "%s", "date": "2021-07-01", "kwh": 12.5}]""".formatted(codes.get(0)));
        assertThat(ok).hasStatusOk();
        assertThat(electricityRows()).isEqualTo(before + 1);
    }

    @Test
    void pastDaysKeepTheirRulesWhenTheRulesChange() throws Exception {
        LocalDate recorded = LocalDate.of(2021, 8, 2);
        JsonNode before = district(getJson("city", "/api/index?date=" + recorded), "city");
        assertThat(before.path("shown").asString()).isEqualTo("STATE_GRID");
        int version = before.path("rulesVersion").asInt();
        IndexRules.Rules current = rules.on(today());
        Map<String, String> weights = Map.of(
                "RESUMED", "0.5", "PRODUCTION", "0.5", "STAFF", "0", "ARRIVALS", "0", "PROBLEMS", "0", "GREEN", "0");
        rules.add("city", LocalDate.of(2021, 8, 1), "FUGONG", weights, "0.3", "18:00");
        // Put today's rules back after the test's day, so that the rest of the city is unchanged.
        Map<String, String> restore = new HashMap<>();
        current.weights().forEach((k, v) -> restore.put(k, String.valueOf(v)));
        rules.add("city", LocalDate.of(2021, 8, 4), current.shown().name(), restore, "0.3", "18:00");
        JsonNode after = district(getJson("city", "/api/index?date=" + recorded), "city");
        assertThat(after.path("shown").asString()).isEqualTo("STATE_GRID");
        assertThat(after.path("rulesVersion").asInt()).isEqualTo(version);
        JsonNode next = district(getJson("city", "/api/index?date=" + recorded.plusDays(1)), "city");
        assertThat(next.path("shown").asString()).isEqualTo("FUGONG");
        // The weights must add up to one; the form says so at its field, in both languages.
        MvcTestResult refused = mvc.post()
                .uri("/dashboard/rules?lang=zh_CN")
                .param("effectiveFrom", "2030-01-01")
                .param("shown", "FUGONG")
                .param("weightRESUMED", "0.9")
                .param("weightPRODUCTION", "0.9")
                .param("weightSTAFF", "0")
                .param("weightARRIVALS", "0")
                .param("weightPROBLEMS", "0")
                .param("weightGREEN", "0")
                .param("threshold", "0.3")
                .param("briefAt", "18:00")
                .with(as("city"))
                .with(csrf())
                .exchange();
        assertThat(refused).hasStatus(422);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("权重合计必须为 1");
        assertThat(mvc.post()
                        .uri("/dashboard/rules")
                        .param("shown", "FUGONG")
                        .with(as("haishu"))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
    }

    @Test
    void eachOfficialSeesWhatIsTheirs() throws Exception {
        // Counted afresh: other tests may have registered enterprises since the last recount.
        refreshed();
        JsonNode city = getJson("city", "/api/index");
        assertThat(city.path("districts")).hasSize(12);
        assertThat(district(city, "city")
                        .path("parts")
                        .path("RESUMED")
                        .path("denominator")
                        .asLong())
                .isEqualTo(jdbc.sql("select count(*) from enterprise")
                        .query(Long.class)
                        .single());
        JsonNode haishu = getJson("haishu", "/api/index?category=LARGE_INDUSTRY");
        assertThat(haishu.path("districts"))
                .extracting(d -> d.path("district").asString())
                .containsExactly(HAISHU, "city");
        assertThat(mvc.get().uri("/api/index").with(as("ent-haishu")).exchange())
                .hasStatus(403);
        assertThat(mvc.get().uri("/dashboard").with(as("labour")).exchange()).hasStatus(403);
        assertThat(mvc.get().uri("/api/index?category=NOPE").with(as("city")).exchange())
                .hasStatus(422);
        assertThat(mvc.get().uri("/api/index?date=2999-01-01").with(as("city")).exchange())
                .hasStatus(422);
        String page = mvc.get()
                .uri("/dashboard")
                .with(as("haishu"))
                .exchange()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("data-district=\"" + HAISHU + "\"")
                .contains("data-district=\"city\"")
                .doesNotContain("data-district=\"" + JIANGBEI + "\"");
        // Each role lands on the page that does its job.
        assertThat(mvc.get().uri("/").with(as("city")).exchange()).hasRedirectedUrl("/dashboard");
        assertThat(mvc.get().uri("/").with(as("haishu")).exchange()).hasRedirectedUrl("/dashboard");
        assertThat(mvc.get().uri("/").with(as("ent-haishu")).exchange()).hasRedirectedUrl("/my");
        assertThat(mvc.get().uri("/").with(as("labour")).exchange()).hasRedirectedUrl("/tickets");
        assertThat(mvc.get().uri("/").with(as("commissioner")).exchange()).hasRedirectedUrl("/visits");
        assertThat(mvc.get().uri("/").with(as("gate")).exchange()).hasStatusOk();
        String mine = mvc.get()
                .uri("/my?lang=en")
                .with(as("ent-haishu"))
                .exchange()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        // The shop's own application as it stands now (other tests may have filed one for it).
        String status = jdbc.sql("select status from resumption_application where enterprise_id = ? and current")
                .param(enterpriseOf("ent-haishu"))
                .query(String.class)
                .optional()
                .map(s -> messages.getMessage("application.status." + s, null, Locale.ENGLISH))
                .orElse("None filed yet");
        assertThat(mine)
                .contains("宁波甬兴服饰有限公司")
                .contains(status)
                .contains("data-test=\"my-light\"")
                .contains("data-test=\"my-tickets\"")
                .contains("data-test=\"my-codes\"");
        assertThat(mvc.get().uri("/my").with(as("haishu")).exchange()).hasStatus(403);
    }

    @Test
    void anApprovalReachesTheLiveFiguresWithoutAReload() throws Exception {
        refreshed();
        long before = live.of(JIANGBEI).orElseThrow().tiles().pending();
        Map<String, Object> pending = jdbc.sql("""
                        select id, version from resumption_application
                        where current and district_code = ? and status in ('SUBMITTED', 'IN_REVIEW')
                          and policy_decision <> 'HOLD' order by submitted_at limit 1""").param(JIANGBEI).query().singleRow();
        var result = review.approveAll(
                actor("jiangbei"),
                Scope.district(JIANGBEI),
                Map.of((UUID) pending.get("id"), ((Number) pending.get("version")).longValue()));
        assertThat(result.approved()).isEqualTo(1);
        // Nobody refreshes by hand: the event and the refresher's next tick bring it.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> live.of(JIANGBEI).orElseThrow().tiles().pending() == before - 1);
        String fragment = mvc.get()
                .uri("/dashboard/live")
                .with(as("jiangbei"))
                .exchange()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(fragment)
                .contains("hx-trigger=\"every 5s\"")
                .contains("data-test=\"pending\">" + (before - 1) + "<");
    }

    @Test
    void theWallScreenOpensByItsLinkUntilRevoked() throws Exception {
        MvcTestResult made = mvc.post()
                .uri("/dashboard/screens")
                .param("label", "指挥室大屏")
                .with(as("city"))
                .with(csrf())
                .exchange();
        assertThat(made).hasStatus3xxRedirection();
        String token = (String) made.getMvcResult().getFlashMap().get("madeToken");
        assertThat(token).hasSizeGreaterThan(40);
        assertThat(jdbc.sql(
                                "select count(*) from dashboard_screen_link where token_hash = sha256(convert_to(?, 'UTF8'))")
                        .param(token)
                        .query(Long.class)
                        .single())
                .as("the link is kept as its hash")
                .isEqualTo(1);
        assertThat(mvc.get().uri("/screen/" + token).exchange()).hasStatusOk();
        MvcTestResult data = mvc.get().uri("/screen/" + token + "/data").exchange();
        assertThat(data).hasStatusOk();
        JsonNode body = json.readTree(data.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.path("ranking")).hasSize(11);
        assertThat(body.path("map")).hasSize(11);
        assertThat(mvc.get().uri("/screen/" + token.substring(1) + "x").exchange())
                .hasStatus(404);
        assertThat(mvc.post()
                        .uri("/dashboard/screens")
                        .param("label", "x")
                        .with(as("haishu"))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
        UUID id = jdbc.sql("select id from dashboard_screen_link order by created_at desc limit 1")
                .query(UUID.class)
                .single();
        long mark = auditMark();
        assertThat(mvc.post()
                        .uri("/dashboard/screens/" + id + "/revoke")
                        .with(as("city"))
                        .with(csrf())
                        .exchange())
                .hasStatus3xxRedirection();
        assertThat(auditSince(mark, "SCREEN_LINK_REVOKED")).hasSize(1);
        assertThat(mvc.get().uri("/screen/" + token).exchange()).hasStatus(404);
        assertThat(mvc.get().uri("/screen/" + token + "/data").exchange()).hasStatus(404);
    }

    @Test
    void theDailyBriefIsMadeOnceKeptAndInChinese() throws Exception {
        LocalDate day = today();
        jdbc.sql("delete from dashboard_job_run where job = 'daily-brief' and day = ?")
                .param(Date.valueOf(day))
                .update();
        boolean first = briefs.runDaily(day, "instance-a");
        boolean second = briefs.runDaily(day, "instance-b");
        assertThat(List.of(first, second)).containsExactly(true, false);
        assertThat(jdbc.sql("select count(*) from dashboard_brief where day = ? and instance = 'instance-a'")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isEqualTo(12);
        assertThat(jdbc.sql("select count(*) from dashboard_snapshot where day = ?")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isEqualTo(12 * 6);
        MvcTestResult pdf = mvc.get()
                .uri("/dashboard/briefs/" + day + "/" + HAISHU + ".pdf")
                .with(as("haishu"))
                .exchange();
        assertThat(pdf).hasStatusOk().hasContentType("application/pdf");
        byte[] bytes = pdf.getResponse().getContentAsByteArray();
        PdfReader reader = new PdfReader(bytes);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("海曙区").contains("复工指数");
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .contains("/FontFile2")
                .contains("WenQuanYiMicroHei");
        assertThat(mvc.get()
                        .uri("/dashboard/briefs/" + day + "/" + JIANGBEI + ".pdf")
                        .with(as("haishu"))
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/dashboard/briefs/" + day + "/city.pdf")
                        .with(as("haishu"))
                        .exchange())
                .hasStatusOk();
        List<String> listed = new ArrayList<>();
        briefs.list(scope("haishu"), 50).forEach(b -> listed.add(b.districtCode()));
        assertThat(listed).contains(HAISHU, "city").doesNotContain(JIANGBEI);
    }

    @Test
    void staffBackTakesTheFreshestEvidence() throws Exception {
        UUID shop = enterpriseOf("ent-haishu");
        LocalDate today = today();
        assertThat(codeFigures
                        .staffScanned(clock.instant().minusSeconds(86_400), clock.instant())
                        .getOrDefault(shop, 0L))
                .isZero();
        long prior = visitFigures
                .staffSeen(today.minusDays(6))
                .getOrDefault(shop, resumption.declaredOnSite(List.of(shop)).get(shop));
        refreshed();
        double before = live.of(HAISHU).orElseThrow().all().parts().get("STAFF").numerator();
        // The commissioner counts 777 on site today: that replaces what was known of the shop.
        backfill.record(actor("commissioner"), scope("commissioner"), shop, clock.instant(), Map.of(), 777, 800, 90);
        refreshed();
        double after = live.of(HAISHU).orElseThrow().all().parts().get("STAFF").numerator();
        assertThat(after - before).isEqualTo(777 - prior);
        double city = live.of("city").orElseThrow().all().parts().get("STAFF").numerator();
        assertThat(city).isGreaterThanOrEqualTo(after);
    }
}
