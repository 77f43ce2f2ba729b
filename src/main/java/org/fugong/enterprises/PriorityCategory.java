package org.fugong.enterprises;

/** The categories that resumed first: supplies against the epidemic, the city's lifelines, exports. */
public enum PriorityCategory {
    MEDICAL_SUPPLIES,
    UTILITIES,
    FOOD,
    LOGISTICS,
    EXPORTER,
    CONSTRUCTION;

    public String messageKey() {
        return "priority." + name();
    }
}
