/**
 * Bringing workers back (点对点包车): chartered trips planned by an optimiser. For now its routing
 * optimiser (a capacitated vehicle-routing model on Timefold) and the benchmark that measures it on
 * CVRPLIB; registration, manifests and arrivals come next. Model and rules: docs/transport.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.fugong.transport;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
