package org.fugong.riskmap;

import java.util.List;

/**
 * What is stored with a colour to explain it: the score's terms, the level before the
 * adjustment, the adjustment and the days without a new case.
 */
public record Breakdown(List<Assessment.Term> terms, RiskColour before, Assessment.Adjustment adjustment, int quietDays) {

    static Breakdown of(Assessment assessment) {
        return new Breakdown(assessment.terms(), assessment.beforeAdjustment(), assessment.adjustment(),
                assessment.daysWithoutNewCase());
    }
}
