package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.CodeStatus;
import org.fugong.healthcode.internal.Corrections;
import org.fugong.healthcode.internal.HealthRules;
import org.fugong.shell.InvalidInputException;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** A citizen asks for a correction; the health bureau accepts it (the colour is computed again) or refuses. */
class CorrectionTests extends IntegrationTest {

    @Autowired
    Persons persons;

    @Autowired
    Declarations declarations;

    @Autowired
    Corrections corrections;

    @Test
    void anAcceptedCorrectionClearsWhatWasDeclaredBefore() throws Exception {
        var person = persons.identify(HealthCodeTests.residentId(new Random()), "尤九", "13800002323")
                .id();
        assertThat(declarations
                        .declare(
                                person,
                                new Declarations.DeclarationInput(List.of(), true, CodeRules.Symptoms.NONE, 36.5, null))
                        .colour())
                .isEqualTo(CodeColour.RED);
        corrections.request(person, "I ticked the contact box by mistake");
        assertThatThrownBy(() -> corrections.request(person, "again")).isInstanceOf(InvalidInputException.class);
        long id = corrections.pending().stream()
                .filter(c -> c.personId().equals(person))
                .findFirst()
                .orElseThrow()
                .id();
        // The bureau's desk offers the decision on it.
        var desk = Jsoup.parse(mvc.get()
                        .uri("/health?lang=en")
                        .with(as("health"))
                        .exchange()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .select("[data-test=corrections] form[action=/health/corrections/" + id + "]");
        assertThat(desk).hasSize(1);
        assertThat(desk.select("button[name=accept]").eachAttr("value")).containsExactly("true", "false");
        assertThat(desk.select("input[name=note]")).hasSize(1);
        assertThatThrownBy(() -> corrections.decide(actor("labour"), id, true, "ok"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> corrections.decide(actor("health"), id, true, " "))
                .isInstanceOf(InvalidInputException.class);
        assertThat(corrections
                        .decide(actor("health"), id, true, "Checked with the community")
                        .colour())
                .isEqualTo(CodeColour.GREEN);
        assertThat(persons.colour(person)).isEqualTo(CodeColour.GREEN);
        assertThatThrownBy(() -> corrections.decide(actor("health"), id, false, "twice"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(corrections.of(person))
                .extracting(Corrections.Correction::status)
                .containsExactly("ACCEPTED");
    }

    @Autowired
    HealthRules rules;

    @Autowired
    CodeStatus status;

    @Test
    void aRulesVersionIsNeverBackdatedAndAppliesFromItsDay() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThatThrownBy(() -> rules.add(actor("health"), today, 10, 5, 37.3, 14))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).containsKey("effectiveFrom"));
        assertThatThrownBy(() -> rules.add(actor("labour"), today.plusDays(1), 10, 5, 37.3, 14))
                .isInstanceOf(AccessDeniedException.class);
        int before = status.rules().version();
        int version = rules.add(actor("health"), today.plusDays(400), 10, 5, 37.5, 14);
        assertThat(version).isGreaterThan(before);
        assertThat(status.rules().version()).as("not in force yet").isEqualTo(before);
        assertThat(rules.versions().get(0).version()).isEqualTo(version);
        jdbc.sql("delete from health_rule_set where version = ?").param(version).update();
    }
}
