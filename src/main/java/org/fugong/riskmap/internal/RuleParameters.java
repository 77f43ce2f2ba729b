package org.fugong.riskmap.internal;

/**
 * The numbers of a rule set: the weights of the score, the score at which each colour starts,
 * and the adjustments for days without a new case. See docs/riskmap.md.
 */
public record RuleParameters(
        double cumulativeWeight,
        double localSharePercentWeight,
        double clusterWeight,
        double redFrom,
        double orangeFrom,
        double yellowFrom,
        int oneLevelLowerAfterDays,
        int twoLevelsLowerAfterDays,
        int greenAfterDays) {

    public RuleParameters {
        if (cumulativeWeight < 0 || localSharePercentWeight < 0 || clusterWeight < 0) {
            throw new IllegalArgumentException("riskmap.rules.error.negativeWeight");
        }
        if (!(redFrom > orangeFrom && orangeFrom > yellowFrom && yellowFrom > 0)) {
            throw new IllegalArgumentException("riskmap.rules.error.thresholdOrder");
        }
        if (!(0 < oneLevelLowerAfterDays
                && oneLevelLowerAfterDays < twoLevelsLowerAfterDays
                && twoLevelsLowerAfterDays < greenAfterDays
                && greenAfterDays <= 60)) {
            throw new IllegalArgumentException("riskmap.rules.error.dayOrder");
        }
    }

    /** How far back a unit's history must reach to apply these rules to a day. */
    public int lookBackDays() {
        return Math.max(greenAfterDays, 14);
    }
}
