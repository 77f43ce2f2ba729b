package org.fugong.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * What an actor may see and handle, in one place: the whole city, one district, its own enterprise,
 * the enterprises assigned to it, or no enterprise at all; and, for officials, the unit that handles
 * problems they work in (a district's service group, a department, the command center), whose records
 * they see too. Pages, forms, exports and the API all ask the same object, either for one record
 * ({@link #check}) or as a SQL condition for a list ({@link #where}).
 */
public record Scope(
        Kind kind,
        @Nullable String districtCode,
        Set<UUID> enterpriseIds,
        @Nullable String unitCode) {

    public enum Kind {
        /** The whole city. */
        CITY,
        /** One district. */
        DISTRICT,
        /** An enterprise's own account: that enterprise only. */
        ENTERPRISE,
        /** A commissioner: the enterprises assigned to him. */
        ASSIGNED,
        /** No district- or enterprise-bound record (departments, gates); a unit's records, if bound to one. */
        NONE
    }

    public Scope {
        enterpriseIds = Set.copyOf(enterpriseIds);
    }

    public static Scope city() {
        return new Scope(Kind.CITY, null, Set.of(), null);
    }

    public static Scope district(String districtCode) {
        return new Scope(Kind.DISTRICT, districtCode, Set.of(), null);
    }

    /** An enterprise's own account. */
    public static Scope enterprise(UUID id) {
        return new Scope(Kind.ENTERPRISE, null, Set.of(id), null);
    }

    /** A commissioner's assigned enterprises. */
    public static Scope assigned(Set<UUID> ids) {
        return new Scope(Kind.ASSIGNED, null, ids, null);
    }

    public static Scope none() {
        return new Scope(Kind.NONE, null, Set.of(), null);
    }

    /** The same scope, for an official who works in a unit that handles problems. */
    public Scope inUnit(@Nullable String unit) {
        return new Scope(kind, districtCode, enterpriseIds, unit);
    }

    /**
     * The scope of an actor: over district- and enterprise-bound records by its role, and over the
     * records of the handling unit it works in, if any.
     */
    public static Scope of(Actor actor, Set<UUID> assignedEnterprises, @Nullable String handlingUnit) {
        Scope scope = switch (actor.role()) {
            case CITY_OFFICIAL -> city();
            case DISTRICT_OFFICIAL -> district(required(actor.districtCode(), actor));
            case COMMISSIONER -> assigned(assignedEnterprises);
            case ENTERPRISE -> enterprise(required(actor.enterpriseId(), actor));
            case DEPARTMENT_OFFICER, GATE_CHECKER -> none();
        };
        return scope.inUnit(handlingUnit);
    }

    public boolean isCity() {
        return kind == Kind.CITY;
    }

    /** Whether a record in this district (and, if it belongs to one, of this enterprise) is visible. */
    public boolean permits(@Nullable String recordDistrict, @Nullable UUID recordEnterprise) {
        return switch (kind) {
            case CITY -> true;
            case DISTRICT -> districtCode != null && districtCode.equals(recordDistrict);
            case ENTERPRISE, ASSIGNED -> recordEnterprise != null && enterpriseIds.contains(recordEnterprise);
            case NONE -> false;
        };
    }

    /** Whether a record handled by a unit is visible: by its district or enterprise, or as the unit's own. */
    public boolean permits(
            @Nullable String recordDistrict, @Nullable UUID recordEnterprise, @Nullable String recordUnit) {
        return permits(recordDistrict, recordEnterprise) || (unitCode != null && unitCode.equals(recordUnit));
    }

    /** Whether a whole district's records are visible (district-level pages and forms). */
    public boolean permitsDistrict(@Nullable String district) {
        return kind == Kind.CITY || (kind == Kind.DISTRICT && districtCode != null && districtCode.equals(district));
    }

    /** Whether the actor works a record handled by this unit: its own unit's, or any as the command center. */
    public boolean handles(@Nullable String recordUnit) {
        return kind == Kind.CITY || (unitCode != null && unitCode.equals(recordUnit));
    }

    /** Whether this is the enterprise's own account (not an official or a commissioner acting for it). */
    public boolean owns(@Nullable UUID enterprise) {
        return kind == Kind.ENTERPRISE && enterprise != null && enterpriseIds.contains(enterprise);
    }

    /** Whether the actor acts for enterprises at all (files for them, raises their problems). */
    public boolean actsForEnterprises() {
        return kind != Kind.NONE;
    }

    /** Refuses with 403 what this scope does not permit. */
    public void check(@Nullable String recordDistrict, @Nullable UUID recordEnterprise) {
        if (!permits(recordDistrict, recordEnterprise)) {
            throw new AccessDeniedException("Outside the actor's scope");
        }
    }

    /** Refuses with 403 a record handled by a unit that this scope does not permit. */
    public void check(@Nullable String recordDistrict, @Nullable UUID recordEnterprise, @Nullable String recordUnit) {
        if (!permits(recordDistrict, recordEnterprise, recordUnit)) {
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
            case CITY -> Condition.EVERYTHING;
            case DISTRICT ->
                districtColumn == null
                        ? Condition.NOTHING
                        : new Condition(
                                districtColumn + " = :scope_district",
                                Map.of("scope_district", Objects.requireNonNull(districtCode)));
            case ENTERPRISE, ASSIGNED ->
                enterpriseColumn == null || enterpriseIds.isEmpty()
                        ? Condition.NOTHING
                        : new Condition(
                                enterpriseColumn + " = any(:scope_enterprises)",
                                Map.of("scope_enterprises", enterpriseIds.toArray(UUID[]::new)));
            case NONE -> Condition.NOTHING;
        };
    }

    /** The condition for rows handled by a unit: in scope by district or enterprise, or handled by the actor's unit. */
    public Condition where(@Nullable String districtColumn, @Nullable String enterpriseColumn, String unitColumn) {
        Condition bound = where(districtColumn, enterpriseColumn);
        if (unitCode == null || bound == Condition.EVERYTHING) {
            return bound;
        }
        Map<String, Object> parameters = new HashMap<>(bound.parameters());
        parameters.put("scope_unit", unitCode);
        return new Condition("(" + bound.sql() + " or " + unitColumn + " = :scope_unit)", parameters);
    }

    public record Condition(String sql, Map<String, ?> parameters) {
        static final Condition EVERYTHING = new Condition("true", Map.of());
        static final Condition NOTHING = new Condition("false", Map.of());
    }

    private static <T> T required(@Nullable T value, Actor actor) {
        if (value == null) {
            throw new IllegalStateException(actor + " is not bound to the unit its role needs");
        }
        return value;
    }
}
