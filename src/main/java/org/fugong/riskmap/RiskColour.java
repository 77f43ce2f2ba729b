package org.fugong.riskmap;

/** The five levels of the map, from high risk (red) to low (green). */
public enum RiskColour {
    GREEN(1, "#3a9d4a"),
    BLUE(2, "#2f6fd6"),
    YELLOW(3, "#f2c200"),
    ORANGE(4, "#f07c1a"),
    RED(5, "#d12c2c");

    private final int level;
    private final String hex;

    RiskColour(int level, String hex) {
        this.level = level;
        this.hex = hex;
    }

    public int level() {
        return level;
    }

    public String hex() {
        return hex;
    }

    /** This colour lowered by some levels, never below green. */
    public RiskColour lower(int levels) {
        return ofLevel(Math.max(1, level - levels));
    }

    public static RiskColour ofLevel(int level) {
        for (RiskColour colour : values()) {
            if (colour.level == level) {
                return colour;
            }
        }
        throw new IllegalArgumentException("No colour of level " + level);
    }

    public String messageKey() {
        return "riskmap.colour." + name();
    }
}
