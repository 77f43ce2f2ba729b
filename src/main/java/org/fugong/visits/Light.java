package org.fugong.visits;

/** An enterprise's compliance light (三色灯), set by each commissioner's visit. */
public enum Light {
    GREEN,
    YELLOW,
    RED;

    public String messageKey() {
        return "visits.light." + name();
    }
}
