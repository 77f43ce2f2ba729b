package org.fugong.riskmap.internal;

import java.util.List;
import org.fugong.riskmap.RiskColour;

/**
 * The five-colour rule: a weighted score of cumulative cases, the share of local cases and
 * active clusters, cut into five levels, then lowered for consecutive days without a new case.
 * Pure: the same parameters and history always give the same assessment.
 */
public final class RiskRules {

    private RiskRules() {}

    public static Assessment assess(RuleParameters rules, UnitHistory history) {
        int last = history.days() - 1;
        int window = Math.min(14, history.days());
        int local = 0;
        int all = 0;
        for (int i = last - window + 1; i <= last; i++) {
            local += history.newLocal()[i];
            all += history.newLocal()[i] + history.newImported()[i];
        }
        double localShare = all == 0 ? 0 : 100.0 * local / all;
        var terms = List.of(
                new Assessment.Term(
                        "cumulative",
                        history.cumulativeConfirmed(),
                        rules.cumulativeWeight(),
                        round(history.cumulativeConfirmed() * rules.cumulativeWeight())),
                new Assessment.Term(
                        "localShare",
                        round(localShare),
                        rules.localSharePercentWeight(),
                        round(localShare * rules.localSharePercentWeight())),
                new Assessment.Term(
                        "clusters",
                        history.activeClusters(),
                        rules.clusterWeight(),
                        round(history.activeClusters() * rules.clusterWeight())));
        double score = round(terms.stream().mapToDouble(Assessment.Term::points).sum());
        RiskColour level = levelOf(rules, score);

        int quiet = 0;
        while (quiet <= last && history.newCases(last - quiet) == 0) {
            quiet++;
        }
        boolean everHadCase = history.cumulativeConfirmed() > 0 || quiet <= last;
        if (!everHadCase || score == 0) {
            return new Assessment(
                    RiskColour.GREEN, score, terms, level, Assessment.Adjustment.NO_CASES, everHadCase ? quiet : -1);
        }
        if (quiet >= rules.greenAfterDays()) {
            return new Assessment(
                    RiskColour.GREEN, score, terms, level, Assessment.Adjustment.GREEN_AFTER_QUIET_PERIOD, quiet);
        }
        if (quiet >= rules.twoLevelsLowerAfterDays()) {
            return new Assessment(level.lower(2), score, terms, level, Assessment.Adjustment.TWO_LEVELS_LOWER, quiet);
        }
        if (quiet >= rules.oneLevelLowerAfterDays()) {
            return new Assessment(level.lower(1), score, terms, level, Assessment.Adjustment.ONE_LEVEL_LOWER, quiet);
        }
        return new Assessment(level, score, terms, level, Assessment.Adjustment.NONE, quiet);
    }

    static RiskColour levelOf(RuleParameters rules, double score) {
        if (score >= rules.redFrom()) {
            return RiskColour.RED;
        }
        if (score >= rules.orangeFrom()) {
            return RiskColour.ORANGE;
        }
        if (score >= rules.yellowFrom()) {
            return RiskColour.YELLOW;
        }
        return score > 0 ? RiskColour.BLUE : RiskColour.GREEN;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
