package org.fugong.riskmap.reporting;

import java.util.List;
import org.fugong.shell.InvalidInputException;

/**
 * Figures refused as a whole: every problem, by row (1-based, as the user counts) and field. As an
 * invalid input, each problem stands at {@code rows[row - 1].field} of the figures form.
 */
public class IndicatorRejectedException extends InvalidInputException {

    public record Problem(int row, String field, String messageKey, List<Object> arguments) {}

    private final List<Problem> rows;

    public IndicatorRejectedException(List<Problem> problems) {
        super(problems.stream()
                .map(p -> new InvalidInputException.Problem(
                        p.row() == 0 || p.field().equals("day")
                                ? p.field()
                                : "rows[" + (p.row() - 1) + "]." + p.field(),
                        p.messageKey(),
                        p.arguments()))
                .toList());
        this.rows = List.copyOf(problems);
    }

    /** The problems by row, for imports that report them by line. */
    public List<Problem> rowProblems() {
        return rows;
    }
}
