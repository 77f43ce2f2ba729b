package org.fugong.riskmap.internal;

import java.util.List;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;

/**
 * What is stored with a colour to explain it: the score's terms, the level before the
 * adjustment, the adjustment and the days without a new case.
 */
public record Breakdown(
        List<Assessment.Term> terms, RiskColour before, Assessment.Adjustment adjustment, int quietDays) {

    /**
     * The stored form, written by hand: a year of colours is some 80,000 of these, and this is
     * several times faster than a general-purpose serializer. {@link RiskMap} reads it with Jackson.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(220).append("{\"terms\":[");
        for (int i = 0; i < terms.size(); i++) {
            Assessment.Term t = terms.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"indicator\":\"")
                    .append(t.indicator())
                    .append("\",\"value\":")
                    .append(t.value())
                    .append(",\"weight\":")
                    .append(t.weight())
                    .append(",\"points\":")
                    .append(t.points())
                    .append('}');
        }
        return json.append("],\"before\":\"")
                .append(before.name())
                .append("\",\"adjustment\":\"")
                .append(adjustment.name())
                .append("\",\"quietDays\":")
                .append(quietDays)
                .append('}')
                .toString();
    }

    public static Breakdown of(Assessment assessment) {
        return new Breakdown(
                assessment.terms(),
                assessment.beforeAdjustment(),
                assessment.adjustment(),
                assessment.daysWithoutNewCase());
    }
}
