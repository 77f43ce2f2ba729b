package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.CodeStatus;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Colours over days with the test clock: check-ins, a missed day, the health bureau's list, a district turning red. */
class CodeStatusTests extends IntegrationTest {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Autowired
    Persons persons;

    @Autowired
    Declarations declarations;

    @Autowired
    HealthLists lists;

    @Autowired
    CodeStatus status;

    @Autowired
    HealthCodes codes;

    @Autowired
    RiskMapDesk riskMap;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void startAtNoon() {
        clock.stopAt(LocalDate.now(CITY).plusDays(1).atTime(12, 0).atZone(CITY).toInstant());
    }

    private UUID person(String name) {
        return persons.identify(HealthCodeTests.residentId(new Random()), name, "13800005555")
                .id();
    }

    private CodeColour checkInDays(UUID person, int days) {
        CodeColour colour = null;
        for (int i = 0; i < days; i++) {
            clock.advance(Duration.ofDays(1));
            colour = declarations.checkIn(person, 36.5, CodeRules.Symptoms.NONE).colour();
        }
        return colour;
    }

    @Test
    void redTurnsGreenAfterFourteenHealthyCheckInsAndNotBeforeAndTheHistoryKeepsIt() {
        startAtNoon();
        UUID person = person("冯一");
        var red = declarations.declare(
                person,
                new Declarations.DeclarationInput(List.of("330203"), true, CodeRules.Symptoms.NONE, 36.6, null));
        assertThat(red.colour()).isEqualTo(CodeColour.RED);
        assertThat(red.reasons()).extracting(CodeRules.Reason::key).contains("healthcode.reason.contact");
        assertThat(checkInDays(person, 13)).isEqualTo(CodeColour.RED);
        assertThat(codes.issue(person).colour()).isEqualTo(CodeColour.RED);
        assertThat(checkInDays(person, 1)).isEqualTo(CodeColour.GREEN);
        // Computing again with nothing new writes nothing.
        long version = jdbc.sql("select version from health_status where person_id = ?")
                .param(person)
                .query(Long.class)
                .single();
        status.recompute(person);
        assertThat(jdbc.sql("select version from health_status where person_id = ?")
                        .param(person)
                        .query(Long.class)
                        .single())
                .isEqualTo(version);
        // Newest first: from red to green, from green (the first code) to red.
        assertThat(status.history(person))
                .extracting(h -> h.from() + ">" + h.to())
                .containsExactly("RED>GREEN", "GREEN>RED");
        assertThat(status.history(person).get(0).ruleVersion()).isEqualTo(1);
    }

    @Test
    void aMissedCheckInExtendsThePeriod() {
        startAtNoon();
        UUID person = person("陈二");
        declarations.declare(
                person, new Declarations.DeclarationInput(List.of(), false, CodeRules.Symptoms.FEVER, 38.2, null));
        checkInDays(person, 5);
        clock.advance(Duration.ofDays(1)); // no check-in that day
        assertThat(checkInDays(person, 8)).isEqualTo(CodeColour.RED);
        assertThat(checkInDays(person, 1)).isEqualTo(CodeColour.GREEN);
    }

    @Test
    void aCloseContactImportTurnsAGreenPersonRed() {
        startAtNoon();
        String id = HealthCodeTests.residentId(new Random());
        UUID person = persons.identify(id, "褚三", "13800006666").id();
        assertThat(persons.colour(person)).isEqualTo(CodeColour.GREEN);
        assertThatThrownBy(() -> lists.importEntries(
                        actor("labour"),
                        "test",
                        List.of(new HealthLists.Entry(id, "CLOSE_CONTACT", LocalDate.now(CITY)))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> lists.importEntries(
                        actor("health"),
                        "test",
                        List.of(
                                new HealthLists.Entry(id, "CLOSE_CONTACT", LocalDate.now(CITY)),
                                new HealthLists.Entry("123", "CLOSE_CONTACT", LocalDate.now(CITY)))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("line 2"));
        assertThat(persons.colour(person)).as("nothing half imported").isEqualTo(CodeColour.GREEN);
        var imported = lists.importEntries(
                actor("health"),
                "CDC list 7",
                List.of(new HealthLists.Entry(
                        id, "CLOSE_CONTACT", LocalDate.now(CITY).plusDays(1))));
        assertThat(imported.recomputed()).isOne();
        assertThat(persons.colour(person)).isEqualTo(CodeColour.RED);
        // Someone listed before identifying is red from the start.
        String later = HealthCodeTests.residentId(new Random());
        lists.importEntries(
                actor("health"), "CDC list 8", List.of(new HealthLists.Entry(later, "SUSPECTED", LocalDate.now(CITY))));
        UUID newcomer = persons.identify(later, "卫四", "13800007777").id();
        assertThat(status.recompute(newcomer).colour()).isEqualTo(CodeColour.RED);
    }

    @Test
    void aDistrictTurningRedTurnsThoseWhoStayedThereRed() throws Exception {
        UUID person = person("蒋五");
        declarations.declare(
                person,
                new Declarations.DeclarationInput(List.of("330226"), false, CodeRules.Symptoms.NONE, 36.5, null));
        assertThat(persons.colour(person)).isEqualTo(CodeColour.GREEN);
        var override = riskMap.override(
                actor("city"), "330226", RiskColour.RED, "test", Instant.now().plus(Duration.ofHours(1)));
        try {
            // The health code listens to the colour change after the risk map's transaction commits.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(persons.colour(person)).isEqualTo(CodeColour.RED));
        } finally {
            riskMap.endOverride(actor("city"), override.id());
        }
        assertThatThrownBy(() -> declarations.declare(
                        person,
                        new Declarations.DeclarationInput(
                                List.of("999999"), false, CodeRules.Symptoms.NONE, 36.5, null)))
                .isInstanceOf(InvalidInputException.class);
    }
}
