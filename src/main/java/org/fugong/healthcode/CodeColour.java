package org.fugong.healthcode;

/** The colours of the code: green passes; yellow means 7 days of isolation, red 14. */
public enum CodeColour {
    GREEN,
    YELLOW,
    RED;

    public String messageKey() {
        return "healthcode.colour." + name();
    }
}
