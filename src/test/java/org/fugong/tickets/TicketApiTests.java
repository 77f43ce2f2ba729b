package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Open311-style intake and status for hotline systems, and the desk's figures, in the caller's scope. */
class TicketApiTests extends IntegrationTest {

    @Autowired
    EnterpriseDirectory enterprises;

    @Autowired
    TicketDesk desk;

    @Autowired
    TicketHandling handling;

    @Autowired
    JsonMapper json;

    @Test
    void aHotlineSystemFilesForACallerAndReadsTheStatus() throws Exception {
        String uscc =
                enterprises.get(Scope.city(), enterpriseOf("ent-jiangbei")).uscc();
        var created = mvc.post()
                .uri("/api/tickets/open311/requests.json")
                .with(httpBasic("jiangbei", "demo"))
                .param("service_code", "labour")
                .param("account_id", uscc)
                .param("description", "来电：30 名员工滞留外地，需要返岗包车。")
                .param("requested_datetime", "2026-01-01T09:00:00+08:00")
                .exchange()
                .getResponse();
        // A call more than 30 days old is refused, with the reason.
        assertThat(created.getStatus()).isEqualTo(400);
        assertThat(created.getContentAsString()).contains("receivedAt");
        created = mvc.post()
                .uri("/api/tickets/open311/requests.json")
                .with(httpBasic("jiangbei", "demo"))
                .param("service_code", "labour")
                .param("account_id", uscc)
                .param("description", "来电：30 名员工滞留外地，需要返岗包车。")
                .exchange()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode body = json.readTree(created.getContentAsString());
        String id = body.get(0).get("service_request_id").asString();
        assertThat(body.get(0).get("account_id").asString()).isEqualTo(uscc);

        var status = json.readTree(mvc.get()
                        .uri("/api/tickets/open311/requests/" + id + ".json")
                        .with(httpBasic("labour", "demo"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .get(0);
        assertThat(status.get("status").asString()).isEqualTo("open");
        assertThat(status.get("agency_responsible").asString()).isEqualTo("市人力社保局");
        assertThat(status.get("service_code").asString()).isEqualTo("LABOUR");
        assertThat(status.get("expected_datetime").asString()).isNotBlank();
        assertThat(desk.get(Scope.city(), UUID.fromString(id)).channel()).isEqualTo(TicketChannel.API);

        // Haishu's official cannot file for a Jiangbei enterprise, nor read its ticket; a bad code is a 400.
        assertThat(mvc.post()
                        .uri("/api/tickets/open311/requests.json")
                        .with(httpBasic("haishu", "demo"))
                        .param("service_code", "LABOUR")
                        .param("account_id", uscc)
                        .param("description", "x"))
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/tickets/open311/requests/" + id + ".json")
                        .with(httpBasic("haishu", "demo")))
                .hasStatus(403);
        var bad = mvc.post()
                .uri("/api/tickets/open311/requests.json")
                .with(httpBasic("jiangbei", "demo"))
                .param("service_code", "WEATHER")
                .param("account_id", uscc)
                .param("description", "x")
                .exchange()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("service_code");
        assertThat(mvc.get()
                        .uri("/api/tickets/open311/services.json")
                        .with(httpBasic("ent-haishu", "demo"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("\"service_code\":\"LOGISTICS\"");
    }

    @Test
    void figuresAreScopedAndAddUp() throws Exception {
        var owner = actor("ent-haishu");
        Ticket ticket = desk.file(
                owner,
                Scope.enterprise(owner.enterpriseId()),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.LABOUR,
                        TicketPriority.NORMAL,
                        "招工",
                        "需要招工 20 人",
                        false,
                        null));
        handling.resolve(actor("labour"), scope("labour"), ticket.id(), ticket.version(), "Job fair on Monday");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var city = json.readTree(mvc.get()
                .uri("/api/tickets/figures")
                .with(as("city"))
                .exchange()
                .getResponse()
                .getContentAsString());
        long filed = jdbc.sql(
                        "select count(*) from ticket where (filed_at at time zone 'Asia/Shanghai')::date between ? and ?")
                .params(Date.valueOf(today.minusDays(13)), Date.valueOf(today))
                .query(Long.class)
                .single();
        assertThat(city.get("total").get("filed").asLong()).isEqualTo(filed);
        long unitSum = 0;
        for (JsonNode unit : city.get("units")) {
            unitSum += unit.get("filed").asLong();
        }
        assertThat(unitSum).isEqualTo(filed);
        assertThat(city.get("total").get("resolvedOnTime").asLong()).isPositive();

        var labour = json.readTree(mvc.get()
                .uri("/api/tickets/figures")
                .with(as("labour"))
                .exchange()
                .getResponse()
                .getContentAsString());
        for (JsonNode unit : labour.get("units")) {
            assertThat(unit.get("key").asString()).isEqualTo("DEPT-LABOUR");
        }
        var haishu = json.readTree(mvc.get()
                .uri("/api/tickets/figures")
                .with(as("haishu"))
                .exchange()
                .getResponse()
                .getContentAsString());
        for (JsonNode district : haishu.get("districts")) {
            assertThat(district.get("key").asString()).isEqualTo("330203");
        }
        assertThat(mvc.get()
                        .uri("/tickets/figures?lang=en")
                        .with(as("city"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("Within the time limit")
                .contains("Human Resources and Social Security Bureau");
        assertThat(mvc.get().uri("/api/tickets/figures").with(as("ent-haishu"))).hasStatus(403);
    }
}
