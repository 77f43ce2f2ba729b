package org.fugong.access;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an actor may see, in one place: the whole city, one district, a set of enterprises, or
 * nothing. Pages, forms, exports and the API all ask the same object, either for one record
 * ({@link #check}) or as a SQL condition for a list ({@link #where}).
 */
public record Scope(Kind kind, @Nullable String districtCode, Set<UUID> enterpriseIds) {

    public enum Kind { CITY, DISTRICT, ENTERPRISES, NONE }

    public Scope {
        enterpriseIds = Set.copyOf(enterpriseIds);
    }

    public static Scope city() {
        return new Scope(Kind.CITY, null, Set.of());
    }

    public static Scope district(String districtCode) {
        return new Scope(Kind.DISTRICT, districtCode, Set.of());
    }

    public static Scope enterprises(Set<UUID> ids) {
        return new Scope(Kind.ENTERPRISES, null, ids);
    }

    public static Scope none() {
        return new Scope(Kind.NONE, null, Set.of());
    }

    /** The scope of an actor over district- and enterprise-bound records. */
    public static Scope of(Actor actor, Set<UUID> assignedEnterprises) {
        return switch (actor.role()) {
            case CITY_OFFICIAL -> city();
            case DISTRICT_OFFICIAL -> district(required(actor.districtCode(), actor));
            case COMMISSIONER -> enterprises(assignedEnterprises);
            case ENTERPRISE -> enterprises(Set.of(required(actor.enterpriseId(), actor)));
            case DEPARTMENT_OFFICER, GATE_CHECKER -> none();
        };
    }

    public boolean isCity() {
        return kind == Kind.CITY;
    }

    /** Whether a record in this district (and, if it belongs to one, of this enterprise) is visible. */
    public boolean permits(@Nullable String recordDistrict, @Nullable UUID recordEnterprise) {
        return switch (kind) {
            case CITY -> true;
            case DISTRICT -> districtCode != null && districtCode.equals(recordDistrict);
            case ENTERPRISES -> recordEnterprise != null && enterpriseIds.contains(recordEnterprise);
            case NONE -> false;
        };
    }

    /** Whether a whole district's records are visible (district-level pages and forms). */
    public boolean permitsDistrict(@Nullable String district) {
        return kind == Kind.CITY || (kind == Kind.DISTRICT && districtCode != null && districtCode.equals(district));
    }

    /** Refuses with 403 what this scope does not permit. */
    public void check(@Nullable String recordDistrict, @Nullable UUID recordEnterprise) {
        if (!permits(recordDistrict, recordEnterprise)) {
            throw new AccessDeniedException("Outside the actor's scope");
        }
    }

    /**
     * A SQL condition limiting rows to this scope, with named parameters prefixed {@code scope_}.
     * Pass {@code null} for a column the table does not have; the scope then matches no row
     * through it.
     */
    public Condition where(@Nullable String districtColumn, @Nullable String enterpriseColumn) {
        return switch (kind) {
            case CITY -> new Condition("true", Map.of());
            case DISTRICT -> districtColumn == null ? Condition.NOTHING
                    : new Condition(districtColumn + " = :scope_district", Map.of("scope_district", districtCode));
            case ENTERPRISES -> enterpriseColumn == null || enterpriseIds.isEmpty() ? Condition.NOTHING
                    : new Condition(enterpriseColumn + " = any(:scope_enterprises)",
                    Map.of("scope_enterprises", enterpriseIds.toArray(UUID[]::new)));
            case NONE -> Condition.NOTHING;
        };
    }

    public record Condition(String sql, Map<String, ?> parameters) {
        static final Condition NOTHING = new Condition("false", Map.of());
    }

    private static <T> T required(@Nullable T value, Actor actor) {
        if (value == null) {
            throw new IllegalStateException(actor + " is not bound to the unit its role needs");
        }
        return value;
    }
}
