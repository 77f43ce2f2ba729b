package org.fugong.riskmap.internal;

import java.util.List;
import org.fugong.riskmap.RiskColour;

/**
 * The colour the rules give a unit on a day and why: the score's terms, the level before the
 * adjustment, and the adjustment for days without a new case.
 *
 * @param daysWithoutNewCase consecutive days up to and including the day without a new case,
 *                           capped at the look-back; -1 if the unit never had a case
 */
public record Assessment(
        RiskColour colour,
        double score,
        List<Term> terms,
        RiskColour beforeAdjustment,
        Adjustment adjustment,
        int daysWithoutNewCase) {

    /** One part of the score: an indicator's value times its weight. */
    public record Term(String indicator, double value, double weight, double points) {}

    public enum Adjustment {
        NONE,
        ONE_LEVEL_LOWER,
        TWO_LEVELS_LOWER,
        GREEN_AFTER_QUIET_PERIOD,
        NO_CASES
    }
}
