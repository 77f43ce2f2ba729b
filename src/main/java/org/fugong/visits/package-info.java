/**
 * Resident commissioners (驻企专员) and the enterprises they answer for. The assignments decide
 * what a commissioner may see ({@link org.fugong.visits.CommissionerAssignments} is the
 * {@code AssignmentDirectory} of {@code Scope}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit"})
package org.fugong.visits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
