package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.Random;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.GateDevices;
import org.fugong.healthcode.internal.HealthCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** Gate devices verify with a credential an official issued: no password, no session, revocable. */
class GateDeviceTests extends IntegrationTest {

    @Autowired
    GateDevices devices;

    @Autowired
    HealthCodes codes;

    @Autowired
    Persons persons;

    @Test
    void anIssuedDeviceVerifiesWithoutASessionUntilItIsRevoked() throws Exception {
        long mark = auditMark();
        var issued = devices.issue(actor("health"), "East gate 3");
        assertThat(issued.token()).startsWith("fgd_").hasSizeGreaterThan(40);
        assertThat(auditSince(mark, "GATE_DEVICE_ISSUED")).hasSize(1);
        assertThat(auditSince(mark, "GATE_DEVICE_ISSUED").get(0)[1]).doesNotContain(issued.token());
        // Only the hash is stored.
        assertThat(jdbc.sql("select count(*) from health_gate_device d where d::text like ?")
                        .param("%" + issued.token().substring(4, 20) + "%")
                        .query(Long.class)
                        .single())
                .isZero();

        var person = persons.identify(HealthCodeTests.residentId(new Random()), "曹操", "13822223333");
        String token = codes.issue(person.id()).token();
        var answer = verify(issued.token(), token);
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentAsString()).contains("\"valid\":true");
        assertThat(answer.getHeader("Set-Cookie")).isNull();
        // A device reads no counts and reaches no page.
        assertThat(mvc.get()
                        .uri("/api/gate/counts")
                        .header("Authorization", "Bearer " + issued.token())
                        .exchange()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        // A wrong or forged token is a 401.
        assertThat(verify("fgd_" + "x".repeat(43), token).getStatus()).isEqualTo(401);
        assertThat(verify("something", token).getStatus()).isEqualTo(401);

        devices.revoke(actor("health"), issued.device().id());
        assertThat(verify(issued.token(), token).getStatus()).isEqualTo(401);
        assertThat(auditSince(mark, "GATE_DEVICE_REVOKED")).hasSize(1);
    }

    @Test
    void theBureauIssuesAndRevokesOnItsPageAndOthersCannot() throws Exception {
        var page = mvc.post()
                .uri("/health/devices")
                .with(as("health"))
                .with(csrf())
                .param("name", "West gate 1")
                .exchange()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("fgd_");
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(mvc.post()
                        .uri("/health/devices")
                        .with(as("health"))
                        .with(csrf())
                        .param("name", "bad\u0000name")
                        .exchange()
                        .getResponse()
                        .getStatus())
                .as("a NUL character is refused in front of every form")
                .isEqualTo(400);
        for (String user : new String[] {"gate", "labour", "haishu", "ent-haishu"}) {
            assertThat(mvc.post()
                            .uri("/health/devices")
                            .with(as(user))
                            .with(csrf())
                            .param("name", "Mine")
                            .exchange()
                            .getResponse()
                            .getStatus())
                    .as(user)
                    .isEqualTo(403);
        }
        assertThat(mvc.get()
                        .uri("/health/devices")
                        .with(as("health"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("West gate 1");
    }

    private MockHttpServletResponse verify(String deviceToken, String code) throws Exception {
        return mvc.post()
                .uri("/api/gate/verify")
                .header("Authorization", "Bearer " + deviceToken)
                .contentType("application/json")
                .content("{\"token\":\"" + code + "\",\"gate\":\"east-3\"}")
                .exchange()
                .getResponse();
    }
}
