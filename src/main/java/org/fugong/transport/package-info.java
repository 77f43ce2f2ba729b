/**
 * Bringing workers back (点对点包车): returning workers registered by origin and wanted arrival (named
 * ones through the health-code module's persons), the fleet and the rules as data, trips planned by
 * an optimiser (Timefold) in the background, manifests checked against the health code at freeze,
 * roll call, hand-over on arrival, figures for the dashboard. Model and rules: docs/transport.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "geography", "healthcode"})
package org.fugong.transport;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
