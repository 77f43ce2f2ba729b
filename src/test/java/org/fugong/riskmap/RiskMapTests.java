package org.fugong.riskmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.Assertions;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.riskmap.internal.ColourComputer;
import org.fugong.riskmap.internal.IndicatorFile;
import org.fugong.riskmap.internal.RuleBook;
import org.fugong.riskmap.internal.RuleParameters;
import org.fugong.riskmap.reporting.IndicatorRow;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.Times;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@RecordApplicationEvents
class RiskMapTests extends IntegrationTest {

    /** Townships kept for these tests: first township of Haishu and of Jiangbei. */
    static final String HAISHU_TOWNSHIP = "330203001";

    static final String JIANGBEI_TOWNSHIP = "330205001";

    @Autowired
    RiskMapDesk desk;

    @Autowired
    RiskMap map;

    @Autowired
    RuleBook rules;

    @Autowired
    ColourComputer computer;

    @Autowired
    Times times;

    @Autowired
    ApplicationEvents events;

    @AfterEach
    void putBack() {
        clock.reset();
        jdbc.sql("update risk_override set ended_at = starts_at, ended_by = 'test' where ended_at is null")
                .update();
    }

    String body(RequestBuilder request) throws Exception {
        return mvc.perform(request).getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** A unit's colour today on the map; the one-unit answer other modules read must agree with it. */
    RiskColour colourToday(String unit) {
        RiskColour onMap = map.colours(times.today()).stream()
                .filter(c -> c.unit().code().equals(unit))
                .findFirst()
                .orElseThrow()
                .colour();
        assertThat(map.currentColour(unit)).as("currentColour of " + unit).isEqualTo(onMap);
        return onMap;
    }

    @Test
    void aDistrictOfficialReportsItsOwnDistrictAndIsRefusedAnother() throws Exception {
        LocalDate day = times.today().minusDays(400);
        var saved = mvc.perform(post("/riskmap/indicators")
                        .with(as("haishu"))
                        .with(csrf())
                        .param("day", day.toString())
                        .param("district", "330203")
                        .param("rows[0].unitCode", HAISHU_TOWNSHIP)
                        .param("rows[0].newLocal", "2")
                        .param("rows[0].newImported", "1")
                        .param("rows[0].newAsymptomatic", "0")
                        .param("rows[0].activeClusters", "0")
                        .param("rows[0].cumulativeConfirmed", "3")
                        .param("rows[0].version", "0"))
                .getResponse();
        assertThat(saved.getRedirectedUrl()).startsWith("/riskmap/indicators");
        assertThat(jdbc.sql("select cumulative_confirmed from risk_indicator where unit_code = ? and day = ?")
                        .params(HAISHU_TOWNSHIP, Date.valueOf(day))
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);

        var refused = mvc.perform(post("/riskmap/indicators")
                        .with(as("haishu"))
                        .with(csrf())
                        .param("day", day.toString())
                        .param("district", "330205")
                        .param("rows[0].unitCode", JIANGBEI_TOWNSHIP)
                        .param("rows[0].newLocal", "1")
                        .param("rows[0].newImported", "0")
                        .param("rows[0].newAsymptomatic", "0")
                        .param("rows[0].activeClusters", "0")
                        .param("rows[0].cumulativeConfirmed", "1")
                        .param("rows[0].version", "0"))
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        // Smuggling a Jiangbei township into a Haishu form is refused at the row.
        String smuggled = body(post("/riskmap/indicators")
                .with(as("haishu"))
                .with(csrf())
                .header("Accept-Language", "en")
                .param("day", day.toString())
                .param("district", "330203")
                .param("rows[0].unitCode", JIANGBEI_TOWNSHIP)
                .param("rows[0].newLocal", "1")
                .param("rows[0].newImported", "0")
                .param("rows[0].newAsymptomatic", "0")
                .param("rows[0].activeClusters", "0")
                .param("rows[0].cumulativeConfirmed", "1")
                .param("rows[0].version", "0"));
        assertThat(smuggled).contains("it is not in your district");
        assertThat(jdbc.sql("select count(*) from risk_indicator where unit_code = ? and day = ?")
                        .params(JIANGBEI_TOWNSHIP, Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(mvc.perform(get("/riskmap/indicators")
                                .param("district", "330205")
                                .with(as("haishu")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void aCorrectionKeepsTheEarlierValueInTheAuditTrail() {
        LocalDate day = times.today().minusDays(410);
        desk.report(actor("city"), Scope.city(), List.of(row(HAISHU_TOWNSHIP, day, 1, 0, 1)));
        desk.report(actor("city"), Scope.city(), List.of(row(HAISHU_TOWNSHIP, day, 2, 0, 2)));
        var entry = jdbc.sql("""
                        select action, before_state::text, after_state::text from audit_event
                        where entity_id = ? order by id desc limit 1""")
                .param(HAISHU_TOWNSHIP + "/" + day)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(entry.get(0)).isEqualTo("INDICATOR_CORRECTED");
        assertThat(entry.get(1)).contains("\"newLocal\": 1");
        assertThat(entry.get(2)).contains("\"newLocal\": 2");
    }

    @Test
    void theHealthBureauPushesFiguresThroughTheApiWithBasicCredentials() throws Exception {
        LocalDate day = times.today().minusDays(420);
        String json = """
                [{"unitCode": "%s", "day": "%s", "newLocal": 0, "newImported": 2, "newAsymptomatic": 0,
                  "activeClusters": 0, "cumulativeConfirmed": 2, "population": 50000}]""".formatted(JIANGBEI_TOWNSHIP, day);
        var response = mvc.perform(post("/api/riskmap/indicators")
                        .with(httpBasic("health", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("\"saved\":1");
        // haishu may not push Jiangbei's figures: 422 with the problem, nothing saved.
        var refused = mvc.perform(post("/api/riskmap/indicators")
                        .with(httpBasic("haishu", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.replace(day.toString(), day.minusDays(1).toString())))
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("riskmap.indicator.error.notYourDistrict");
        assertThat(mvc.perform(post("/api/riskmap/indicators")
                                .with(httpBasic("health", "wrong"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json))
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Test
    void anImportWithBadRowsReportsEveryRowAndImportsNothing() throws Exception {
        LocalDate day = times.today().minusDays(430);
        String csv = String.join(
                "\n",
                String.join(",", IndicatorFile.COLUMNS),
                HAISHU_TOWNSHIP + "," + day + ",1,0,0,0,1,",
                "999999999," + day + ",1,0,0,0,1,",
                HAISHU_TOWNSHIP + ",2020-02-30,1,0,0,0,1,",
                HAISHU_TOWNSHIP + "," + day.minusDays(1) + ",-1,0,0,0,1,",
                JIANGBEI_TOWNSHIP + "," + day + ",1,0,0,0,1,",
                HAISHU_TOWNSHIP + "," + day.minusDays(2) + ",one,0,0,0,1,");
        String page = body(multipart("/riskmap/indicators/import")
                .file(new MockMultipartFile("file", "figures.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(as("haishu"))
                .with(csrf())
                .header("Accept-Language", "en"));
        assertThat(page)
                .contains("Nothing was imported")
                .contains("Line 4, day")
                .contains("Line 7, new_imported".replace("new_imported", "new_local"));
        // Rows that parse are then checked by the rules, each by its line in the file.
        String second = body(multipart("/riskmap/indicators/import")
                .file(new MockMultipartFile(
                        "file",
                        "figures.csv",
                        "text/csv",
                        String.join(
                                        "\n",
                                        String.join(",", IndicatorFile.COLUMNS),
                                        HAISHU_TOWNSHIP + "," + day + ",1,0,0,0,1,",
                                        "999999999," + day + ",1,0,0,0,1,",
                                        HAISHU_TOWNSHIP + "," + day.minusDays(1) + ",-1,0,0,0,1,",
                                        JIANGBEI_TOWNSHIP + "," + day + ",1,0,0,0,1,")
                                .getBytes(StandardCharsets.UTF_8)))
                .with(as("haishu"))
                .with(csrf())
                .header("Accept-Language", "en"));
        assertThat(second)
                .contains("Line 3, unit_code: No district or township has the code 999999999.")
                .contains("Line 4, new_local: Cannot be negative.")
                .contains("Line 5, unit_code: You cannot report for " + JIANGBEI_TOWNSHIP);
        assertThat(jdbc.sql("select count(*) from risk_indicator where day = ?")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anExcelFileImports() throws Exception {
        LocalDate day = times.today().minusDays(440);
        var out = new ByteArrayOutputStream();
        try (var workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet();
            var header = sheet.createRow(0);
            for (int i = 0; i < IndicatorFile.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(IndicatorFile.COLUMNS.get(i));
            }
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue(HAISHU_TOWNSHIP);
            row.createCell(1).setCellValue(day.toString());
            row.createCell(2).setCellValue(1);
            row.createCell(3).setCellValue(0);
            row.createCell(4).setCellValue(0);
            row.createCell(5).setCellValue(0);
            row.createCell(6).setCellValue(4);
            workbook.write(out);
        }
        var response = mvc.perform(multipart("/riskmap/indicators/import")
                        .file(new MockMultipartFile(
                                "file", "figures.xlsx", "application/octet-stream", out.toByteArray()))
                        .with(as("haishu"))
                        .with(csrf()))
                .getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/riskmap/indicators");
        assertThat(jdbc.sql("select cumulative_confirmed from risk_indicator where unit_code = ? and day = ?")
                        .params(HAISHU_TOWNSHIP, Date.valueOf(day))
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void newFiguresRecolourTodayAndAnnounceIt() {
        LocalDate today = times.today();
        String unit = "330225101"; // a town of Xiangshan the demo leaves alone
        desk.report(actor("city"), Scope.city(), List.of(row(unit, today, 30, 30, 60)));
        assertThat(colourToday(unit)).isEqualTo(RiskColour.RED);
        assertThat(events.stream(RiskColourChanged.class)
                        .filter(e -> e.unitCode().equals(unit)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.to()).isEqualTo(RiskColour.RED);
                    assertThat(e.date()).isEqualTo(today);
                });
        // Put it back: the figures of today are corrected to none.
        desk.report(actor("city"), Scope.city(), List.of(row(unit, today, 0, 0, 0)));
        assertThat(colourToday(unit)).isEqualTo(RiskColour.GREEN);
    }

    @Test
    void anOverrideShowsOnTheMapAndEndsAtItsExpiry() throws Exception {
        String unit = "330281";
        RiskColour computed = colourToday(unit);
        var override = desk.override(
                actor("city"),
                unit,
                RiskColour.RED,
                "Cluster under investigation",
                clock.instant().plus(Duration.ofHours(2)));
        long mark = auditMark();
        assertThat(colourToday(unit)).isEqualTo(RiskColour.RED);
        String colours = body(get("/api/riskmap/colours")
                .param("date", times.today().toString())
                .with(as("city")));
        assertThat(colours)
                .contains("\"code\":\"330281\",\"districtCode\":\"330281\"")
                .contains("\"overridden\":true");
        assertThat(events.stream(RiskColourChanged.class)
                        .filter(e -> e.unitCode().equals(unit) && e.to() == RiskColour.RED))
                .hasSize(1);

        clock.advance(Duration.ofHours(1));
        assertThat(desk.endExpiredOverrides()).isZero();
        assertThat(colourToday(unit)).isEqualTo(RiskColour.RED);

        clock.advance(Duration.ofHours(2));
        assertThat(desk.endExpiredOverrides()).isEqualTo(1);
        assertThat(colourToday(unit)).isEqualTo(computed);
        assertThat(events.stream(RiskColourChanged.class)
                        .filter(e -> e.unitCode().equals(unit) && e.to() == computed))
                .hasSize(1);
        assertThat(auditSince(mark, "OVERRIDE_EXPIRED"))
                .extracting(entry -> entry[0])
                .containsExactly(override.id().toString());
    }

    @Test
    void onlyCityOfficialsOverride() {
        Assertions.assertThatThrownBy(() -> desk.override(
                        actor("haishu"),
                        "330203",
                        RiskColour.GREEN,
                        "wish",
                        clock.instant().plus(Duration.ofHours(1))))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void twoInstancesRunTheDailyComputationOnce() throws Exception {
        LocalDate day = times.today().minusDays(500);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> runs = new ArrayList<>();
        for (String instance : List.of("instance-a", "instance-b")) {
            runs.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                return desk.runDaily(day, instance);
            }));
        }
        start.countDown();
        int ran = 0;
        for (Future<Boolean> run : runs) {
            ran += run.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ran).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from risk_job_run where day = ?")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(desk.runDaily(day, "instance-c")).isFalse();
    }

    @Test
    void twoInstancesEndAnExpiredOverrideOnce() throws Exception {
        desk.override(
                actor("city"),
                "330282",
                RiskColour.ORANGE,
                "test",
                clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(pool.submit((Callable<Integer>) () -> {
                start.await();
                return desk.endExpiredOverrides();
            }));
        }
        start.countDown();
        int ended = 0;
        for (Future<Integer> sweep : sweeps) {
            ended += sweep.get();
        }
        pool.shutdown();
        assertThat(ended).isEqualTo(1);
    }

    @Test
    void aPastDayRecomputedUnderANewRuleSetKeepsItsColour() {
        LocalDate past = LocalDate.of(2020, 2, 5);
        var before = map.colours(past).stream()
                .filter(c -> c.unit().code().equals("330212"))
                .findFirst()
                .orElseThrow();
        assertThat(before.colour()).isEqualTo(RiskColour.RED);
        LocalDate tomorrow = times.today().plusDays(1);
        var strict = new RuleParameters(1.0, 0.2, 10.0, 500, 250, 100, 3, 7, 14);
        RuleBook.RuleSet added = rules.add("Lenient test rules", tomorrow, strict, "test");
        try {
            computer.recompute(past, past);
            var after = map.colours(past).stream()
                    .filter(c -> c.unit().code().equals("330212"))
                    .findFirst()
                    .orElseThrow();
            assertThat(after.colour()).isEqualTo(RiskColour.RED);
            assertThat(after.ruleSetVersion()).isEqualTo(before.ruleSetVersion());
            assertThat(rules.inForceOn(tomorrow).version()).isEqualTo(added.version());
            assertThat(rules.inForceOn(past).version()).isEqualTo(before.ruleSetVersion());
        } finally {
            jdbc.sql("delete from risk_colour where rule_set_version = ?")
                    .param(added.version())
                    .update();
            jdbc.sql("delete from risk_rule_set where version = ?")
                    .param(added.version())
                    .update();
            rules.forget();
        }
    }

    @Test
    void aRuleSetCannotRewriteThePast() throws Exception {
        String page = body(post("/riskmap/rules")
                .with(as("city"))
                .with(csrf())
                .header("Accept-Language", "en")
                .param("name", "Backdated")
                .param("effectiveFrom", "2020-02-01")
                .param("cumulativeWeight", "1")
                .param("localSharePercentWeight", "0.2")
                .param("clusterWeight", "10")
                .param("redFrom", "50")
                .param("orangeFrom", "25")
                .param("yellowFrom", "10")
                .param("oneLevelLowerAfterDays", "3")
                .param("twoLevelsLowerAfterDays", "7")
                .param("greenAfterDays", "14"));
        assertThat(page).contains("A new version can only take effect from today on.");
        String disordered = body(post("/riskmap/rules")
                .with(as("city"))
                .with(csrf())
                .header("Accept-Language", "en")
                .param("name", "Disordered")
                .param("effectiveFrom", times.today().plusDays(3).toString())
                .param("cumulativeWeight", "1")
                .param("localSharePercentWeight", "0.2")
                .param("clusterWeight", "10")
                .param("redFrom", "10")
                .param("orangeFrom", "25")
                .param("yellowFrom", "10")
                .param("oneLevelLowerAfterDays", "3")
                .param("twoLevelsLowerAfterDays", "7")
                .param("greenAfterDays", "14"));
        assertThat(disordered).contains("The thresholds must go down");
        assertThat(rules.all()).hasSize(1);
    }

    @Test
    void theExplanationSaysInWordsHowTheColourCame() throws Exception {
        String fragment = body(get("/riskmap/units/330212")
                .param("date", "2020-02-01")
                .with(as("haishu"))
                .header("HX-Request", "true")
                .header("Accept-Language", "en"));
        assertThat(fragment)
                .doesNotContain("<html")
                .contains("Yinzhou District")
                .contains("cumulative cases ×")
                .contains("active clusters × 10")
                .contains("Red (high risk)");
        String later = body(get("/riskmap/units/330212")
                .param("date", "2020-03-01")
                .with(as("city"))
                .header("HX-Request", "true")
                .header("Accept-Language", "zh-CN"));
        assertThat(later).contains("连续").contains("无新增病例");
    }

    @Test
    void theHistoryMovesFromRedAndOrangeToBlueAndGreen() {
        var first = map.colours(LocalDate.of(2020, 2, 1)).stream()
                .filter(c -> !c.unit().township())
                .toList();
        assertThat(first).anyMatch(c -> c.colour() == RiskColour.RED).anyMatch(c -> c.colour() == RiskColour.ORANGE);
        var end = map.colours(LocalDate.of(2020, 3, 31)).stream()
                .filter(c -> !c.unit().township())
                .toList();
        assertThat(end).allMatch(c -> c.colour() == RiskColour.GREEN || c.colour() == RiskColour.BLUE);
        int cases = jdbc.sql("""
                        select sum(cumulative_confirmed) from (select distinct on (unit_code) unit_code, cumulative_confirmed
                        from risk_indicator where unit_code in (select code from geo_district) and day <= '2020-03-31'
                        order by unit_code, day desc) latest""").query(Integer.class).single();
        assertThat(cases).isEqualTo(157);
    }

    @Test
    void thePublicPageShowsTodaysColoursAndNothingBehindThem() throws Exception {
        var page = mvc.perform(get("/public/riskmap").header("Accept-Language", "en"))
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8))
                .contains("Haishu District")
                .doesNotContain("Score");
        String colours = body(get("/public/riskmap/colours"));
        assertThat(colours)
                .contains("\"code\":\"330203\"")
                .doesNotContain("score")
                .doesNotContain("330203001");
        assertThat(mvc.perform(get("/api/riskmap/history")
                                .param("from", "2020-02-01")
                                .param("to", "2020-02-02"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Autowired
    JsonMapper json;

    @Test
    void theDistrictsHaveRealBoundariesAndTheHiTechZoneAMarker() throws Exception {
        String shipped = body(get("/public/riskmap/shapes"));
        assertThat(shipped).contains("OpenStreetMap");
        // The ten county-level units with their boundaries, and no feature for the Hi-tech Zone.
        assertThat(json.readTree(shipped).path("features"))
                .extracting(f -> f.path("properties").path("code").asString())
                .hasSize(10)
                .contains("330203", "330212")
                .doesNotContain("330200-GX");
        var markers = json.readTree(shipped).path("fugongMarkers");
        assertThat(markers).hasSize(1);
        assertThat(markers.get(0).path("code").asString()).isEqualTo("330200-GX");
        assertThat(markers.get(0).path("coord").get(0).asDouble()).isBetween(121.5, 121.7);
        // An official file as it comes, with numeric adcodes and without the Hi-tech Zone: accepted, with a notice.
        var official = (ObjectNode) json.readTree(shipped);
        official.remove("fugongMarkers");
        for (var feature : official.path("features")) {
            var properties = (ObjectNode) feature.path("properties");
            properties.put("adcode", Integer.parseInt(properties.path("code").asString()));
            properties.remove("code");
        }
        var accepted = mvc.perform(multipart("/riskmap/shapes/city")
                        .file(new MockMultipartFile(
                                "file",
                                "ningbo_districts_osm.geojson",
                                "application/json",
                                json.writeValueAsString(official).getBytes(StandardCharsets.UTF_8)))
                        .with(as("city"))
                        .with(csrf()))
                .getMvcResult();
        assertThat(accepted.getFlashMap().get("success")).isEqualTo("riskmap.shapes.saved");
        assertThat(accepted.getFlashMap().get("shapeNotice")).isEqualTo("330200-GX");
        assertThat(json.readTree(body(get("/public/riskmap/shapes")))
                        .path("fugongMarkers")
                        .get(0)
                        .path("code")
                        .asString())
                .isEqualTo("330200-GX");
        mvc.perform(post("/riskmap/shapes/city/reset").with(as("city")).with(csrf()));
    }

    @Test
    void uploadedShapesMustMatchTheUnits() throws Exception {
        String missing = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"adcode": "330203"},
                 "geometry": {"type": "Polygon", "coordinates": [[[121, 29], [121.1, 29], [121.1, 29.1], [121, 29]]]}}]}""";
        var refused = mvc.perform(multipart("/riskmap/shapes/city")
                        .file(new MockMultipartFile(
                                "file", "ningbo.json", "application/json", missing.getBytes(StandardCharsets.UTF_8)))
                        .with(as("city"))
                        .with(csrf()))
                .getMvcResult();
        assertThat(refused.getFlashMap().get("shapeError")).isEqualTo("riskmap.shapes.error.missing");
        String shipped = body(get("/api/riskmap/shapes/city").with(as("city")));
        var ok = mvc.perform(multipart("/riskmap/shapes/city")
                        .file(new MockMultipartFile(
                                "file",
                                "ningbo.json",
                                "application/json",
                                shipped.replace("\"code\"", "\"adcode\"").getBytes(StandardCharsets.UTF_8)))
                        .with(as("city"))
                        .with(csrf()))
                .getMvcResult();
        assertThat(ok.getFlashMap().get("success")).isEqualTo("riskmap.shapes.saved");
        assertThat(body(get("/api/riskmap/shapes/city").with(as("city")))).contains("\"adcode\"");
        mvc.perform(post("/riskmap/shapes/city/reset").with(as("city")).with(csrf()));
        assertThat(body(get("/api/riskmap/shapes/city").with(as("city")))).doesNotContain("\"adcode\"");
    }

    @Test
    void aStaleFigureFormIsRefused() throws Exception {
        LocalDate day = times.today().minusDays(450);
        desk.report(actor("city"), Scope.city(), List.of(row(HAISHU_TOWNSHIP, day, 1, 0, 1)));
        // Someone corrects the figures after haishu opened the form at version 0.
        desk.report(actor("city"), Scope.city(), List.of(row(HAISHU_TOWNSHIP, day, 1, 0, 2)));
        var response = mvc.perform(post("/riskmap/indicators")
                        .with(as("haishu"))
                        .with(csrf())
                        .param("day", day.toString())
                        .param("district", "330203")
                        .param("rows[0].unitCode", HAISHU_TOWNSHIP)
                        .param("rows[0].newLocal", "5")
                        .param("rows[0].newImported", "0")
                        .param("rows[0].newAsymptomatic", "0")
                        .param("rows[0].activeClusters", "0")
                        .param("rows[0].cumulativeConfirmed", "5")
                        .param("rows[0].version", "0"))
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("select new_local from risk_indicator where unit_code = ? and day = ?")
                        .params(HAISHU_TOWNSHIP, Date.valueOf(day))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    static IndicatorRow row(String unit, LocalDate day, int local, int imported, int cumulative) {
        return new IndicatorRow(unit, day, local, imported, 0, 0, cumulative, null, null);
    }
}
