package org.fugong.riskmap;

/** Someone else saved the figures of a unit and day after the form was opened. */
public class StaleIndicatorException extends RuntimeException {

    public StaleIndicatorException(String unitCode) {
        super("Figures of " + unitCode + " were changed by someone else");
    }
}
