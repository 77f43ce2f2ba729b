package org.fugong.riskmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.fugong.riskmap.internal.Assessment;
import org.fugong.riskmap.internal.Breakdown;
import org.fugong.riskmap.internal.RiskRules;
import org.fugong.riskmap.internal.RuleParameters;
import org.fugong.riskmap.internal.UnitHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The rule table: every colour boundary and every adjustment of the default rule set. */
class RiskRulesTests {

    static final RuleParameters DEFAULT = new RuleParameters(1.0, 0.2, 10.0, 50, 25, 10, 3, 7, 14);

    /** 15 days of history: a case of the given kind on the last day unless quiet > 0. */
    static UnitHistory history(int cumulative, int clusters, int localToday, int importedToday, int quietDays) {
        int[] local = new int[15];
        int[] imported = new int[15];
        int[] asymptomatic = new int[15];
        if (quietDays < 15) {
            int caseDay = 14 - quietDays;
            local[caseDay] = localToday;
            imported[caseDay] = importedToday;
            if (localToday + importedToday == 0) {
                asymptomatic[caseDay] = 1;
            }
        }
        return new UnitHistory(local, imported, asymptomatic, clusters, cumulative);
    }

    @ParameterizedTest(name = "{0} cumulative, {1} clusters, {2} local + {3} imported today -> score {4}, {5}")
    @CsvSource({
        // Boundaries of the score (all cases imported: no local share).
        "0,  0, 0, 0, 0,    GREEN",
        "1,  0, 0, 1, 1,    BLUE",
        "9,  0, 0, 1, 9,    BLUE",
        "10, 0, 0, 1, 10,   YELLOW",
        "24, 0, 0, 1, 24,   YELLOW",
        "25, 0, 0, 1, 25,   ORANGE",
        "49, 0, 0, 1, 49,   ORANGE",
        "50, 0, 0, 1, 50,   RED",
        // Local share: 100 % local adds 20 points.
        "5,  0, 1, 0, 25,   ORANGE",
        // Half local, half imported: 50 % × 0.2 = 10 points.
        "20, 0, 1, 1, 30,   ORANGE",
        // A cluster adds 10 points.
        "15, 1, 0, 1, 25,   ORANGE",
        "35, 1, 0, 1, 45,   ORANGE",
        "40, 1, 0, 1, 50,   RED"
    })
    void scoresAndColours(int cumulative, int clusters, int local, int imported, double score, RiskColour colour) {
        Assessment assessment = RiskRules.assess(DEFAULT, history(cumulative, clusters, local, imported, 0));
        assertThat(assessment.score()).isEqualTo(score);
        assertThat(assessment.colour()).isEqualTo(colour);
        assertThat(assessment.adjustment()).isIn(Assessment.Adjustment.NONE, Assessment.Adjustment.NO_CASES);
    }

    @ParameterizedTest(name = "red unit quiet for {0} days -> {1}")
    @CsvSource({
        "0,  RED,    NONE",
        "1,  RED,    NONE",
        "2,  RED,    NONE",
        "3,  ORANGE, ONE_LEVEL_LOWER",
        "6,  ORANGE, ONE_LEVEL_LOWER",
        "7,  YELLOW, TWO_LEVELS_LOWER",
        "13, YELLOW, TWO_LEVELS_LOWER",
        "14, GREEN,  GREEN_AFTER_QUIET_PERIOD",
        "15, GREEN,  GREEN_AFTER_QUIET_PERIOD"
    })
    void daysWithoutANewCaseLowerTheLevel(int quiet, RiskColour colour, Assessment.Adjustment adjustment) {
        Assessment assessment = RiskRules.assess(DEFAULT, history(60, 0, 0, 1, quiet));
        assertThat(assessment.beforeAdjustment()).isEqualTo(RiskColour.RED);
        assertThat(assessment.colour()).isEqualTo(colour);
        assertThat(assessment.adjustment()).isEqualTo(adjustment);
        assertThat(assessment.daysWithoutNewCase()).isEqualTo(quiet);
    }

    @Test
    void loweringNeverGoesBelowGreen() {
        Assessment blue = RiskRules.assess(DEFAULT, history(2, 0, 0, 1, 8));
        assertThat(blue.beforeAdjustment()).isEqualTo(RiskColour.BLUE);
        assertThat(blue.colour()).isEqualTo(RiskColour.GREEN);
    }

    @Test
    void anAsymptomaticInfectionRestartsTheQuietCount() {
        int[] zeros = new int[15];
        int[] asymptomatic = new int[15];
        asymptomatic[14] = 1;
        Assessment assessment = RiskRules.assess(DEFAULT, new UnitHistory(zeros, zeros.clone(), asymptomatic, 0, 60));
        assertThat(assessment.daysWithoutNewCase()).isZero();
        assertThat(assessment.colour()).isEqualTo(RiskColour.RED);
    }

    @Test
    void theLocalShareCountsTheLastFourteenDaysOnly() {
        int[] local = new int[20];
        int[] imported = new int[20];
        local[0] = 10; // 19 days ago: outside the window
        imported[19] = 1;
        Assessment assessment = RiskRules.assess(DEFAULT, new UnitHistory(local, imported, new int[20], 0, 11));
        assertThat(assessment.terms().get(1).value()).isZero();
        assertThat(assessment.score()).isEqualTo(11.0);
    }

    @Test
    void theTermsAddUpToTheScore() {
        Assessment assessment = RiskRules.assess(DEFAULT, history(12, 1, 1, 1, 0));
        assertThat(assessment.terms())
                .extracting(Assessment.Term::indicator)
                .containsExactly("cumulative", "localShare", "clusters");
        assertThat(Arrays.stream(assessment.terms().toArray(Assessment.Term[]::new))
                        .mapToDouble(Assessment.Term::points)
                        .sum())
                .isEqualTo(assessment.score());
        assertThat(assessment.score()).isEqualTo(12 + 10 + 10);
    }

    @Test
    void theStoredBreakdownReadsBackAsWritten() {
        Assessment assessment = RiskRules.assess(DEFAULT, history(60, 1, 1, 1, 4));
        Breakdown written = Breakdown.of(assessment);
        Breakdown read = JsonMapper.builder().build().readValue(written.toJson(), Breakdown.class);
        assertThat(read).isEqualTo(written);
    }

    @Test
    void rulesWithThresholdsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new RuleParameters(1, 0.2, 10, 20, 25, 10, 3, 7, 14))
                .hasMessage("riskmap.rules.error.thresholdOrder");
        assertThatThrownBy(() -> new RuleParameters(1, 0.2, 10, 50, 25, 10, 7, 3, 14))
                .hasMessage("riskmap.rules.error.dayOrder");
        assertThatThrownBy(() -> new RuleParameters(-1, 0.2, 10, 50, 25, 10, 3, 7, 14))
                .hasMessage("riskmap.rules.error.negativeWeight");
    }
}
