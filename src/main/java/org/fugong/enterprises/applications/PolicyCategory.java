package org.fugong.enterprises.applications;

import java.util.Arrays;
import java.util.List;
import org.fugong.enterprises.EnterpriseSummary;

/**
 * The rows of the policy matrix: small shops first (under the floor-area and staff limits, they
 * only file and open), then the priority categories, then every other enterprise.
 */
public enum PolicyCategory {
    SMALL_SHOP,
    MEDICAL_SUPPLIES,
    UTILITIES,
    FOOD,
    LOGISTICS,
    EXPORTER,
    CONSTRUCTION,
    GENERAL,
    /**
     * Not a category of its own: the row a supplier of a key lead's chain filing is ruled by when it
     * is more lenient than its own category's (a lead's suppliers pass a colour that would hold them).
     */
    KEY_CHAIN_SUPPLIER;

    /** Small shops: under 300 m² and under 20 staff (Xiangshan's rule). */
    public static final double SMALL_SHOP_MAX_FLOOR_AREA_M2 = 300;

    public static final int SMALL_SHOP_MAX_STAFF = 20;

    public static PolicyCategory of(EnterpriseSummary enterprise) {
        if (enterprise.floorAreaM2() != null
                && enterprise.floorAreaM2() < SMALL_SHOP_MAX_FLOOR_AREA_M2
                && enterprise.staffCount() < SMALL_SHOP_MAX_STAFF) {
            return SMALL_SHOP;
        }
        return enterprise.priorityCategory() == null
                ? GENERAL
                : valueOf(enterprise.priorityCategory().name());
    }

    public static List<PolicyCategory> all() {
        return Arrays.asList(values());
    }

    public String messageKey() {
        return "policy.category." + name();
    }
}
