package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Scans from gates: bad input refused at the door, and one bad row never costs the others. */
class GateScanTests extends IntegrationTest {

    @Autowired
    GateScans scans;

    @Autowired
    HealthCodes codes;

    @Autowired
    Persons persons;

    @Test
    void badScanInputIsRefusedWith400() throws Exception {
        var person = persons.identify(HealthCodeTests.residentId(new Random()), "孔明", "13811112222");
        String token = codes.issue(person.id()).token();
        assertThat(verify("{\"token\":\"" + token + "\",\"gate\":\"east\\u0000gate\"}"))
                .isEqualTo(400);
        assertThat(verify("{\"token\":\"" + token + "\",\"gate\":\"" + "g".repeat(61) + "\"}"))
                .isEqualTo(400);
        assertThat(verify("{\"token\":\"not a code\",\"gate\":\"east\"}")).isEqualTo(400);
        assertThat(verify("{\"gate\":\"east\"}")).isEqualTo(400);
        assertThat(verify("{\"token\":\"" + "a".repeat(5000) + ".b.c\",\"gate\":\"east\"}"))
                .isEqualTo(400);
        assertThat(verify("{\"token\":\"" + token + "\",\"gate\":\"east\"}")).isEqualTo(200);
        // A well-formed code with a changed signature is a refusal the gate reads, not a bad request.
        assertThat(verify("{\"token\":\"" + token.substring(0, token.length() - 2) + "AA\",\"gate\":\"east\"}"))
                .isEqualTo(200);
    }

    @Test
    void everyScanIsAcknowledgedOnlyOnceWrittenAndARowTheDatabaseRefusesIsDroppedAlone() throws Exception {
        String gate = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        var ok = new HealthCodes.Verification(true, null, null, CodeColour.GREEN, "王*", Instant.now());
        // A problem longer than the column: PostgreSQL refuses this row, and would fail its batch.
        var bad = new HealthCodes.Verification(false, "X".repeat(40), null, null, null, null);
        // Several gates at once, so that scans share batches with the refused one (however they fall).
        ExecutorService gates = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                answers.add(gates.submit(() -> scans.record(gate, ok)));
                answers.add(gates.submit(() -> scans.record(gate, bad)));
                answers.add(gates.submit(() -> scans.record(gate, ok)));
            }
            // A name with a NUL byte is kept as "unnamed", not sent to the database.
            answers.add(gates.submit(() -> scans.record("north\u0000gate", ok)));
            List<Boolean> recorded = new ArrayList<>();
            for (Future<Boolean> answer : answers) {
                recorded.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertThat(recorded).filteredOn(Boolean::booleanValue).hasSize(11);
            for (int i = 1; i < 15; i += 3) {
                assertThat(recorded.get(i))
                        .as("the refused scan is not acknowledged")
                        .isFalse();
            }
        } finally {
            gates.shutdown();
        }
        // Acknowledged means written: no flush is needed to find them.
        assertThat(jdbc.sql("select count(*) from health_gate_scan where gate = ?")
                        .param(gate)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
        assertThat(scans.flush()).isZero();
    }

    @Test
    void theKeySetIsCacheableAndAnsweredWith304WhileUnchanged() throws Exception {
        var first = mvc.get().uri("/.well-known/jwks.json").exchange().getResponse();
        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getHeader("Cache-Control"))
                .contains("max-age=300")
                .contains("public")
                .doesNotContain("no-store");
        String etag = first.getHeader("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(first.getContentAsString()).contains("\"keys\"").doesNotContain("\"d\"");
        var again = mvc.get()
                .uri("/.well-known/jwks.json")
                .header("If-None-Match", etag)
                .exchange()
                .getResponse();
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContentAsString()).isEmpty();
        var stale = mvc.get()
                .uri("/.well-known/jwks.json")
                .header("If-None-Match", "\"0000\"")
                .exchange()
                .getResponse();
        assertThat(stale.getStatus()).isEqualTo(200);
    }

    private int verify(String json) throws Exception {
        return mvc.post()
                .uri("/api/gate/verify")
                .with(httpBasic("gate", "demo"))
                .contentType("application/json")
                .content(json)
                .exchange()
                .getResponse()
                .getStatus();
    }
}
