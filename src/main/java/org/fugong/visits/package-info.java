/**
 * Resident commissioners (驻企专员): their enterprise assignments (which make a commissioner's
 * scope: {@link org.fugong.visits.CommissionerAssignments} is the {@code AssignmentDirectory} of
 * {@code Scope}), visit logs with a versioned checklist, three-colour compliance lights by versioned
 * rules, rectification orders and warning talks ({@link org.fugong.visits.VisitFigures} for the
 * dashboard). Model and flows: docs/visits.md.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "accounts",
            "enterprises",
            "enterprises::applications",
            "geography",
            "healthcode",
            "tickets"
        })
package org.fugong.visits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
