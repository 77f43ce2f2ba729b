package org.fugong.transport.internal;

import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The transport bureau: every transport record is handled by its unit, so the one scope gives the
 * city and the bureau all of them, a district its employers', an employer its own. The bureau and
 * the city plan; the others look.
 */
@Component
public class Bureau {

    private final String unit;

    Bureau(@Value("${fugong.transport.unit:DEPT-TRANSPORT}") String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    /** Whether the scope plans transport (the city, the bureau). */
    public boolean plans(Scope scope) {
        return scope.handles(unit);
    }

    /**
     * The scope a viewer of transport works in: an official of another department (labour, health)
     * has no transport record to see and is refused with 403.
     */
    public Scope viewer(Actor actor, Scope scope) {
        if (actor.hasRole(Role.DEPARTMENT_OFFICER) && !plans(scope)) {
            throw new AccessDeniedException("Transport is the transport bureau's");
        }
        return scope;
    }

    /** Refuses with 403 a planner's step to anyone else. */
    public void checkPlanner(Scope scope) {
        if (!plans(scope)) {
            throw new AccessDeniedException("Only the transport bureau and the city plan trips");
        }
    }

    public Scope.Condition where(Scope scope, String alias) {
        return scope.where(alias + ".district_code", alias + ".enterprise_id", alias + ".unit");
    }
}
