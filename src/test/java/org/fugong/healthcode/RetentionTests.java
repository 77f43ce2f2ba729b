package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.Retention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Health data older than the retention period is deleted; newer data stays. */
class RetentionTests extends IntegrationTest {

    @Autowired
    Retention retention;

    @Autowired
    Persons persons;

    @Autowired
    Declarations declarations;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void oldHealthDataIsPurged() {
        // This person's data is made 61 days ago (and so nobody else's data is old enough to go).
        clock.stopAt(Instant.now().minus(Duration.ofDays(61)));
        var person = persons.identify(HealthCodeTests.residentId(new Random()), "杨七", "13800009999")
                .id();
        declarations.declare(
                person, new Declarations.DeclarationInput(List.of(), false, CodeRules.Symptoms.NONE, 36.5, null));
        declarations.checkIn(person, 36.6, CodeRules.Symptoms.NONE);
        clock.stopAt(Instant.now().minus(Duration.ofDays(59)));
        retention.purge();
        assertThat(count("health_declaration", person)).isOne();
        clock.reset();
        long mark = auditMark();
        var deleted = retention.purge();
        assertThat(deleted.get("health_declaration")).isPositive();
        assertThat(count("health_declaration", person)).isZero();
        assertThat(count("health_checkin", person)).isZero();
        // The purge is audited with what it deleted: this person's declaration among it.
        var purged = auditSince(mark, "HEALTH_DATA_PURGED");
        assertThat(purged).hasSize(1);
        assertThat(purged.get(0)[1]).contains("\"health_declaration\": " + deleted.get("health_declaration"));
    }

    private long count(String table, UUID person) {
        return jdbc.sql("select count(*) from " + table + " where person_id = ?")
                .param(person)
                .query(Long.class)
                .single();
    }
}
