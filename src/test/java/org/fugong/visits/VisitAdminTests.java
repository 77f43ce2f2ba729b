package org.fugong.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.visits.internal.Checklists;
import org.fugong.visits.internal.LightRuleBook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What officials do around the visits: assign commissioners (one by one and by file), publish a new
 * checklist and new light rules; and the device API's answers.
 */
class VisitAdminTests extends IntegrationTest {

    @Autowired
    CommissionerAssignments assignments;

    @Autowired
    Checklists checklists;

    @Autowired
    LightRuleBook rules;

    private UUID haishuEnterprise(int offset) {
        return jdbc.sql("""
                        select e.id from enterprise e where e.district_code = '330203'
                          and not exists (select 1 from visit_assignment a where a.enterprise_id = e.id)
                        order by e.id offset ? limit 1""").param(offset).query(UUID.class).single();
    }

    private String uscc(UUID enterprise) {
        return jdbc.sql("select uscc from enterprise where id = ?")
                .param(enterprise)
                .query(String.class)
                .single();
    }

    @Test
    void aDistrictAssignsItsCommissionersFromTheEnterprisePageAtMostTwoAndAudited() {
        UUID enterprise = haishuEnterprise(0);
        long mark = auditMark();
        assertThat(mvc.post()
                        .uri("/visits/enterprise/" + enterprise + "/assign")
                        .param("commissioner", "commissioner")
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        UUID commissioner = actor("commissioner").id();
        assertThat(assignments.commissionersOf(enterprise)).containsExactly(commissioner);
        assertThat(auditSince(mark, "COMMISSIONER_ASSIGNED")).hasSize(1);
        // Jiangbei's commissioner cannot be given a Haishu enterprise; Jiangbei cannot assign here.
        mvc.post()
                .uri("/visits/enterprise/" + enterprise + "/assign")
                .param("commissioner", "commissioner-jb")
                .with(as("haishu"))
                .with(csrf())
                .exchange();
        assertThat(assignments.commissionersOf(enterprise)).containsExactly(commissioner);
        assertThat(mvc.post()
                        .uri("/visits/enterprise/" + enterprise + "/assign")
                        .param("commissioner", "commissioner")
                        .with(as("jiangbei"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/visits/enterprise/" + enterprise + "/unassign/" + commissioner)
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(assignments.commissionersOf(enterprise)).isEmpty();
        assertThat(auditSince(mark, "COMMISSIONER_UNASSIGNED")).hasSize(1);
    }

    @Test
    void aBulkFileIsCheckedWholeAndAWrongLineSavesNothing() {
        UUID first = haishuEnterprise(1);
        UUID second = haishuEnterprise(2);
        UUID jiangbei = enterpriseOf("ent-jiangbei");
        String bad = "commissioner,credit_code,action\n" + "commissioner," + uscc(first) + ",assign\n" + "commissioner,"
                + uscc(jiangbei) + ",assign\n" + "nobody," + uscc(second) + ",assign\n";
        assertThat(mvc.post()
                        .multipart()
                        .uri("/visits/assignments")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus(422)
                .bodyText()
                .contains("Line 3")
                .contains("Line 4");
        assertThat(assignments.commissionersOf(first)).isEmpty();
        String good = "commissioner,credit_code,action\n" + "commissioner," + uscc(first) + ",assign\n"
                + "commissioner," + uscc(second) + ",assign\n";
        assertThat(mvc.post()
                        .multipart()
                        .uri("/visits/assignments")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        UUID commissioner = actor("commissioner").id();
        assertThat(assignments.commissionersOf(first)).containsExactly(commissioner);
        assertThat(assignments.commissionersOf(second)).containsExactly(commissioner);
        String remove = "commissioner,credit_code,action\n" + "commissioner," + uscc(first) + ",remove\n"
                + "commissioner," + uscc(second) + ",remove\n";
        mvc.post()
                .multipart()
                .uri("/visits/assignments")
                .file(new MockMultipartFile("file", "a.csv", "text/csv", remove.getBytes(StandardCharsets.UTF_8)))
                .with(as("haishu"))
                .with(csrf())
                .exchange();
        assertThat(assignments.commissionersOf(first)).isEmpty();
        assertThat(assignments.commissionersOf(second)).isEmpty();
    }

    @Test
    void aNewChecklistAndNewRulesAreVersionsThatLeaveThePastAlone() {
        Checklists.Checklist before = checklists.current();
        int rulesBefore = rules.current().version();
        // A district official may read them but not change them.
        assertThat(mvc.get().uri("/visits/rules").with(as("haishu")))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("data-test=\"edit-checklist\"");
        assertThat(mvc.post()
                        .uri("/visits/rules")
                        .param("name", "x")
                        .with(as("haishu"))
                        .with(csrf()))
                .hasStatus(403);
        // A wrong number is explained, nothing published.
        assertThat(mvc.post()
                        .uri("/visits/rules")
                        .param("name", "Stricter")
                        .param("yellowsInARowForRed", "0")
                        .param("seriousDeadlineDays", "0")
                        .param("otherDeadlineDays", "2")
                        .param("redEveryDays", "1")
                        .param("yellowEveryDays", "2")
                        .param("greenEveryDays", "5")
                        .with(as("city"))
                        .with(csrf()))
                .hasStatus(422)
                .bodyText()
                .contains("out of range");
        assertThat(rules.current().version()).isEqualTo(rulesBefore);
        try {
            assertThat(mvc.post()
                            .uri("/visits/checklist")
                            .param("name", "Trial list")
                            .param("items[0].code", "masks")
                            .param("items[0].textZh", "口罩")
                            .param("items[0].textEn", "Masks")
                            .param("items[0].area", "PRODUCTION")
                            .param("items[0].serious", "on")
                            .param("items[1].code", "")
                            .with(as("city"))
                            .with(csrf()))
                    .hasStatus3xxRedirection();
            Checklists.Checklist after = checklists.current();
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(after.items()).extracting(Checklists.Item::code).containsExactly("MASKS");
            assertThat(after.items().get(0).serious()).isTrue();
            assertThat(checklists.version(before.version()).items())
                    .hasSize(before.items().size());
        } finally {
            // Put the list every other test answers back on top, as a new version.
            checklists.publish(actor("city"), before.name(), before.items());
        }
        assertThat(checklists.current().items())
                .extracting(Checklists.Item::code)
                .isEqualTo(before.items().stream().map(Checklists.Item::code).toList());
    }

    @Test
    void theDeviceApiRecordsAVisitOnceAndAnswersTheLight() {
        UUID enterprise = haishuEnterprise(3);
        assignments.assign(actor("commissioner").id(), enterprise, "330203", "test");
        try {
            UUID id = UUID.randomUUID();
            StringBuilder items = new StringBuilder();
            for (Checklists.Item item : checklists.current().items()) {
                items.append(items.isEmpty() ? "" : ",")
                        .append('"')
                        .append(item.code())
                        .append("\":{\"result\":\"")
                        .append(item.code().equals("SYMPTOM_LINE") ? "FAILED\",\"remark\":\"no line\"" : "PASSED\"")
                        .append('}');
            }
            String json = "{\"id\":\"" + id + "\",\"enterpriseId\":\"" + enterprise + "\",\"items\":{" + items
                    + "},\"staffOnSite\":12,\"staffNormal\":20,\"capacityPercent\":55}";
            assertThat(postVisit(json))
                    .hasStatus(201)
                    .bodyJson()
                    .extractingPath("$.enterpriseLight")
                    .isEqualTo("YELLOW");
            assertThat(postVisit(json))
                    .hasStatus(200)
                    .bodyJson()
                    .extractingPath("$.created")
                    .isEqualTo(false);
            assertThat(postVisit(json.replace("\"capacityPercent\":55", "\"capacityPercent\":155")
                            .replace(id.toString(), UUID.randomUUID().toString())))
                    .hasStatus(400)
                    .bodyText()
                    .contains("capacityPercent");
            assertThat(postVisit(json.replace(
                                    enterprise.toString(),
                                    enterpriseOf("ent-jiangbei").toString())
                            .replace(id.toString(), UUID.randomUUID().toString())))
                    .hasStatus(403);
            assertThat(mvc.get().uri("/api/visits/lights/" + uscc(enterprise)).with(as("commissioner")))
                    .hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.reasons[0].text")
                    .asString()
                    .contains("SYMPTOM_LINE");
            assertThat(mvc.get().uri("/v3/api-docs").with(as("city")))
                    .bodyText()
                    .contains("/api/visits")
                    .contains("/api/visits/lights/{creditCode}");
            assertThat(jdbc.sql("select count(*) from visit where id = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            List.of(enterprise)
                    .forEach(e -> assignments.unassign(actor("commissioner").id(), e, "330203"));
        }
    }

    private MvcTestResult postVisit(String json) {
        return mvc.post()
                .uri("/api/visits")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .with(as("commissioner"))
                .with(csrf())
                .exchange();
    }
}
