package org.fugong.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** haishu sees no Jiangbei enterprise anywhere; an enterprise sees only itself. */
class EnterpriseScopingTests extends IntegrationTest {

    @Autowired
    JsonMapper json;

    String body(RequestBuilder request) throws Exception {
        return mvc.perform(request).getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Every enterprise the API returns to a user, following the cursor to the end. */
    List<JsonNode> all(String user, String query) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        do {
            var request = get("/api/enterprises").with(as(user)).param("limit", "500");
            if (query != null) {
                request.param("q", query);
            }
            if (after != null) {
                request.param("after", after);
            }
            JsonNode page = json.readTree(body(request));
            page.get("items").forEach(items::add);
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        return items;
    }

    long demoCount(String district) {
        return jdbc.sql("select count(*) from enterprise where district_code = ?")
                .param(district)
                .query(Long.class)
                .single();
    }

    @Test
    void districtOfficialListsOnlyItsDistrict() throws Exception {
        List<JsonNode> haishu = all("haishu", null);
        assertThat(haishu).hasSize((int) demoCount("330203"));
        assertThat(haishu)
                .allSatisfy(e -> assertThat(e.get("districtCode").asString()).isEqualTo("330203"));
    }

    @Test
    void districtOfficialCannotFindAnotherDistrictsEnterpriseByNameOrCode() throws Exception {
        var jiangbei = jdbc.sql("select name, uscc from enterprise where id = ?")
                .param(enterpriseOf("ent-jiangbei"))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
        assertThat(all("haishu", jiangbei.get(0))).isEmpty();
        assertThat(all("haishu", jiangbei.get(1))).isEmpty();
        assertThat(all("jiangbei", jiangbei.get(1))).hasSize(1);
        String page = body(get("/enterprises").with(as("haishu")).param("q", jiangbei.get(0)));
        assertThat(page).doesNotContain(jiangbei.get(0) + "</a>");
        // Asking for Jiangbei's district explicitly changes nothing.
        assertThat(body(get("/enterprises").with(as("haishu")).param("district", "330205")))
                .doesNotContain(jiangbei.get(1));
    }

    @Test
    void districtOfficialIsRefusedAnotherDistrictsEnterprise() throws Exception {
        var id = enterpriseOf("ent-jiangbei");
        assertThat(mvc.perform(get("/enterprises/" + id).with(as("haishu")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/api/enterprises/" + id).with(as("haishu")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/enterprises/" + id).with(as("jiangbei")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void exportHoldsOnlyTheDistrictsRows() throws Exception {
        String csv = body(get("/enterprises/export.csv").with(as("haishu")));
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows).hasSize((int) demoCount("330203"));
        assertThat(rows).allSatisfy(row -> assertThat(row.split(",")[3]).isEqualTo("330203"));
        assertThat(csv).startsWith("\uFEFFuscc,");
    }

    @Test
    void excelExportHoldsOnlyTheDistrictsRows() throws Exception {
        byte[] xlsx = mvc.perform(
                        get("/enterprises/export.xlsx").with(as("haishu")).param("industry", "C"))
                .getResponse()
                .getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            long expected = jdbc.sql(
                            "select count(*) from enterprise where district_code = '330203' and industry_section = 'C'")
                    .query(Long.class)
                    .single();
            assertThat(sheet.getLastRowNum()).isEqualTo((int) expected);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo("330203");
                assertThat(UnifiedSocialCreditCode.isValid(
                                sheet.getRow(r).getCell(0).getStringCellValue()))
                        .isTrue();
            }
        }
    }

    @Test
    void enterpriseSeesOnlyItself() throws Exception {
        List<JsonNode> own = all("ent-haishu", null);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("id").asString())
                .isEqualTo(enterpriseOf("ent-haishu").toString());
        assertThat(body(get("/enterprises/export.csv").with(as("ent-haishu")))
                        .lines()
                        .count())
                .isEqualTo(2);
        assertThat(mvc.perform(get("/enterprises/mine").with(as("ent-haishu")))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/enterprises/" + enterpriseOf("ent-haishu"));
    }

    @Test
    void commissionerSeesItsAssignedEnterprises() throws Exception {
        List<JsonNode> assigned = all("commissioner", null);
        assertThat(assigned).hasSizeGreaterThanOrEqualTo(5);
        assertThat(assigned)
                .extracting(e -> e.get("id").asString())
                .contains(enterpriseOf("ent-haishu").toString());
        assertThat(assigned)
                .allSatisfy(e -> assertThat(e.get("districtCode").asString()).isEqualTo("330203"));
    }

    @Test
    void keysetPagesCoverTheCityOnceEach() throws Exception {
        List<JsonNode> city = all("city", null);
        Set<String> ids = new HashSet<>();
        city.forEach(e -> ids.add(e.get("id").asString()));
        long total =
                jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        assertThat(city).hasSize((int) total);
        assertThat(ids).hasSize((int) total);
        assertThat(total).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void htmxGetsTheResultsFragmentAlone() throws Exception {
        String fragment = body(get("/enterprises")
                .with(as("city"))
                .header("HX-Request", "true")
                .param("q", "服饰"));
        assertThat(fragment).contains("id=\"results\"").doesNotContain("<html").doesNotContain("<nav");
        String page = body(get("/enterprises").with(as("city")));
        assertThat(page).contains("<html").contains("id=\"results\"");
    }

    @Test
    void searchFindsEveryNameContainingTheText() throws Exception {
        List<JsonNode> found = all("city", "兴服");
        long expected = jdbc.sql("select count(*) from enterprise where name like '%兴服%'")
                .query(Long.class)
                .single();
        assertThat(found)
                .hasSize((int) expected)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("name").asString()).contains("兴服"));
        assertThat(all("city", "兴"))
                .hasSize(jdbc.sql("select count(*) from enterprise where name like '%兴%'")
                        .query(Long.class)
                        .single()
                        .intValue());
        assertThat(all("city", "100%")).isEmpty();
    }

    @Test
    void aForgedCursorIsABadRequest() throws Exception {
        assertThat(mvc.perform(get("/api/enterprises").with(as("city")).param("after", "not-a-cursor"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
    }

    @Test
    void demoEnterprisesHaveValidCreditCodes() {
        List<String> codes =
                jdbc.sql("select uscc from enterprise").query(String.class).list();
        assertThat(codes).hasSizeGreaterThanOrEqualTo(2000).allMatch(UnifiedSocialCreditCode::isValid);
        assertThat(jdbc.sql("select count(distinct district_code) from enterprise")
                        .query(Long.class)
                        .single())
                .isEqualTo(11);
    }
}
