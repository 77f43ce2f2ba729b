package org.fugong.visits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fugong.visits.Light;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The light rule as a table: the answers of a visit and the lights before it → the light. */
class LightRulesTests {

    static final LightRules NINGHAI = new LightRules(1, "Ninghai", 3, true, 0, 3, 1, 3, 7);

    @ParameterizedTest(name = "{0} after [{1}] → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // answers (P passed, F failed, S serious failed, N not applicable) | lights before, latest first |
                // light
                "PPPP | | GREEN",
                "PPNN | YELLOW,YELLOW | GREEN",
                "PFPP | | YELLOW",
                "PFPP | GREEN,YELLOW,YELLOW | YELLOW",
                "PFPP | YELLOW | YELLOW",
                "PFPP | YELLOW,YELLOW | RED",
                "PFPP | YELLOW,YELLOW,GREEN | RED",
                "PFPP | YELLOW,GREEN,YELLOW | YELLOW",
                "PSPP | | RED",
                "PSPP | GREEN | RED",
                "PFPP | RED | RED",
                "PPPP | RED | GREEN",
                "NNNN | RED | GREEN"
            })
    void theLightOfAVisit(String answers, String before, Light expected) {
        assertThat(NINGHAI.light(answers(answers), lights(before)).light()).isEqualTo(expected);
    }

    @Test
    void everyLightSaysWhy() {
        var green = NINGHAI.light(answers("PPN"), List.of());
        assertThat(green.reasons()).extracting(LightRules.Reason::key).containsExactly("visits.reason.allPassed");
        assertThat(green.reasons().get(0).args()).containsExactly("2");
        var serious = NINGHAI.light(answers("SFP"), List.of());
        assertThat(serious.reasons())
                .extracting(LightRules.Reason::key)
                .containsExactly("visits.reason.failed", "visits.reason.serious");
        assertThat(serious.reasons().get(0).args()).containsExactly("2", "I0, I1");
        var third = NINGHAI.light(answers("FP"), lights("YELLOW,YELLOW"));
        assertThat(third.reasons()).extracting(LightRules.Reason::key).contains("visits.reason.inARow");
        assertThat(third.reasons().get(1).args()).containsExactly("3");
    }

    @Test
    void theRulesAreData() {
        // A city that counts two yellows as red and does not light red for a serious item alone.
        LightRules strict = new LightRules(2, "strict", 2, false, 1, 5, 1, 2, 5);
        assertThat(strict.light(answers("S"), List.of()).light()).isEqualTo(Light.YELLOW);
        assertThat(strict.light(answers("F"), lights("YELLOW")).light()).isEqualTo(Light.RED);
        assertThat(strict.deadlineDays(true)).isEqualTo(1);
        assertThat(strict.deadlineDays(false)).isEqualTo(5);
        assertThat(NINGHAI.deadlineDays(true)).isZero();
        assertThat(NINGHAI.every(Light.RED)).isEqualTo(Duration.ofDays(1));
        assertThat(NINGHAI.every(Light.YELLOW)).isEqualTo(Duration.ofDays(3));
        assertThat(NINGHAI.every(Light.GREEN)).isEqualTo(Duration.ofDays(7));
    }

    private static List<LightRules.Answer> answers(String code) {
        List<LightRules.Answer> answers = new ArrayList<>();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            ItemResult result = switch (c) {
                case 'P' -> ItemResult.PASSED;
                case 'N' -> ItemResult.NOT_APPLICABLE;
                default -> ItemResult.FAILED;
            };
            answers.add(new LightRules.Answer("I" + i, result, c == 'S'));
        }
        return answers;
    }

    private static List<Light> lights(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.stream(text.split(","))
                        .map(String::trim)
                        .map(Light::valueOf)
                        .toList();
    }
}
