/**
 * The enterprise registry: who the enterprises of the city are, scoped to who is looking. Its
 * root package is the registry's API ({@link org.fugong.enterprises.EnterpriseDirectory} and the
 * values it speaks in); return-to-work applications are its second API, the named interface
 * {@code enterprises::applications}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "geography", "riskmap"})
package org.fugong.enterprises;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
