/**
 * Resident commissioners (驻企专员) and the enterprises they answer for. Visit logs, checklists
 * and compliance lights come with the visits issue; assignments are here already because they
 * decide what a commissioner may see.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit"})
package org.fugong.visits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
