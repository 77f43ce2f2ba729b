package org.fugong.riskmap;

import java.util.List;

/** Figures refused as a whole: every problem, by row (1-based, as the user counts) and field. */
public class IndicatorRejectedException extends RuntimeException {

    public record Problem(int row, String field, String messageKey, List<Object> arguments) {
    }

    private final List<Problem> problems;

    public IndicatorRejectedException(List<Problem> problems) {
        super(problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
