package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fugong.healthcode.CodeRules.CheckIn;
import org.fugong.healthcode.CodeRules.Declaration;
import org.fugong.healthcode.CodeRules.Level;
import org.fugong.healthcode.CodeRules.ListEntry;
import org.fugong.healthcode.CodeRules.Symptoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The colour rules as a table, then the periods: healthy check-ins turn a colour green, a missed day extends. */
class CodeRulesTests {

    static final CodeRules.RuleSet RULES = new CodeRules.RuleSet(1, 14, 7, 37.3, 14);
    static final LocalDate DAY = LocalDate.of(2020, 2, 10);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "nothing declared,                         LOW,    false, NONE,  36.5, GREEN",
        "close contact,                            LOW,    true,  NONE,  36.5, RED",
        "fever as a symptom,                       LOW,    false, FEVER, 36.8, RED",
        "37.3 degrees is fever,                    LOW,    false, NONE,  37.3, RED",
        "37.2 degrees is not,                      LOW,    false, NONE,  37.2, GREEN",
        "a stay in a high-risk area,               HIGH,   false, NONE,  36.5, RED",
        "a stay in a medium-risk area,             MEDIUM, false, NONE,  36.5, YELLOW",
        "milder symptoms,                          LOW,    false, MILD,  36.9, YELLOW",
        "medium-risk area and a contact: the worse, MEDIUM, true,  NONE,  36.5, RED"
    })
    void theColourOfADeclaration(
            String label, Level place, boolean contact, Symptoms symptoms, double temperature, CodeColour expected) {
        var result = CodeRules.evaluate(
                RULES,
                List.of(new Declaration(DAY, List.of(place), contact, symptoms, temperature)),
                List.of(),
                List.of(),
                DAY);
        assertThat(result.colour()).isEqualTo(expected);
        if (expected != CodeColour.GREEN) {
            assertThat(result.reasons()).isNotEmpty();
            assertThat(result.reasons().get(0).colour()).isEqualTo(expected);
        }
    }

    static List<CheckIn> healthyDays(int from, int to, int... missed) {
        List<CheckIn> days = new ArrayList<>();
        outer:
        for (int d = from; d <= to; d++) {
            for (int m : missed) {
                if (m == d) {
                    continue outer;
                }
            }
            days.add(new CheckIn(DAY.plusDays(d), 36.5, Symptoms.NONE));
        }
        return days;
    }

    @Test
    void redTurnsGreenAfterFourteenHealthyCheckInsAndNotBefore() {
        var contact = List.of(new Declaration(DAY, List.of(Level.LOW), true, Symptoms.NONE, 36.5));
        var thirteen = CodeRules.evaluate(RULES, contact, healthyDays(1, 13), List.of(), DAY.plusDays(13));
        assertThat(thirteen.colour()).isEqualTo(CodeColour.RED);
        assertThat(thirteen.reasons().get(0).healthyDays()).isEqualTo(13);
        assertThat(thirteen.reasons().get(0).neededDays()).isEqualTo(14);
        assertThat(CodeRules.evaluate(RULES, contact, healthyDays(1, 14), List.of(), DAY.plusDays(14))
                        .colour())
                .isEqualTo(CodeColour.GREEN);
        // A check-in on the day of the contact itself does not count.
        assertThat(CodeRules.evaluate(RULES, contact, healthyDays(0, 13), List.of(), DAY.plusDays(13))
                        .colour())
                .isEqualTo(CodeColour.RED);
    }

    @Test
    void aMissedDayExtendsThePeriod() {
        var contact = List.of(new Declaration(DAY, List.of(Level.LOW), true, Symptoms.NONE, 36.5));
        assertThat(CodeRules.evaluate(RULES, contact, healthyDays(1, 14, 6), List.of(), DAY.plusDays(14))
                        .colour())
                .isEqualTo(CodeColour.RED);
        assertThat(CodeRules.evaluate(RULES, contact, healthyDays(1, 15, 6), List.of(), DAY.plusDays(15))
                        .colour())
                .isEqualTo(CodeColour.GREEN);
    }

    @Test
    void yellowNeedsSevenDaysAndAFeverOnTheWayTurnsItRed() {
        var medium = List.of(new Declaration(DAY, List.of(Level.MEDIUM), false, Symptoms.NONE, 36.5));
        assertThat(CodeRules.evaluate(RULES, medium, healthyDays(1, 7), List.of(), DAY.plusDays(7))
                        .colour())
                .isEqualTo(CodeColour.GREEN);
        List<CheckIn> withFever = new ArrayList<>(healthyDays(1, 3));
        withFever.add(new CheckIn(DAY.plusDays(4), 38.1, Symptoms.NONE));
        assertThat(CodeRules.evaluate(RULES, medium, withFever, List.of(), DAY.plusDays(4))
                        .colour())
                .isEqualTo(CodeColour.RED);
    }

    @Test
    void aListEntryOverridesAGreenDeclaration() {
        var healthy = List.of(new Declaration(DAY, List.of(Level.LOW), false, Symptoms.NONE, 36.5));
        var listed = CodeRules.evaluate(
                RULES,
                healthy,
                healthyDays(1, 3),
                List.of(new ListEntry("CLOSE_CONTACT", DAY.plusDays(3))),
                DAY.plusDays(3));
        assertThat(listed.colour()).isEqualTo(CodeColour.RED);
        assertThat(listed.reasons().get(0).key()).isEqualTo("healthcode.reason.list.CLOSE_CONTACT");
    }
}
