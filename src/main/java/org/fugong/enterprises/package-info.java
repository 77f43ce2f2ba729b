/**
 * The enterprise registry: who the enterprises of the city are, scoped to who is looking.
 * Other modules find enterprises through {@link org.fugong.enterprises.EnterpriseDirectory}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "geography", "riskmap"})
package org.fugong.enterprises;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
