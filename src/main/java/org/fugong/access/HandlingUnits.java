package org.fugong.access;

import java.util.Optional;

/**
 * The unit that handles problems an official works in: a district's service group, a department,
 * or the command center. Provided by the module that owns the units; its records are in the
 * official's {@link Scope}.
 */
public interface HandlingUnits {

    Optional<String> unitOf(Actor actor);
}
