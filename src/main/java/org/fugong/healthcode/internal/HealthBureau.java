package org.fugong.healthcode.internal;

import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who acts for the health bureau: its officers and the city's officials. Lists, places, rule
 * versions and corrections are theirs.
 */
public final class HealthBureau {

    public static final String DEPARTMENT = "HEALTH";

    private HealthBureau() {}

    public static boolean actsFor(Actor actor) {
        return actor.hasRole(Role.CITY_OFFICIAL)
                || (actor.hasRole(Role.DEPARTMENT_OFFICER) && DEPARTMENT.equals(actor.departmentCode()));
    }

    /** Refuses with 403 anyone else. */
    public static void require(Actor actor) {
        if (!actsFor(actor)) {
            throw new AccessDeniedException("The health bureau's work");
        }
    }
}
