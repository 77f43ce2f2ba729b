/**
 * One map: the five-colour risk map (五色图) of districts and townships, computed every day from
 * epidemic indicators under versioned rules, explained in words, overridable by hand, with its
 * history. Other modules read colours through {@link org.fugong.riskmap.RiskMap} and listen to
 * {@link org.fugong.riskmap.RiskColourChanged}; those who report figures use the named interface
 * {@code riskmap::reporting}. Model and flows: docs/riskmap.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "geography"})
package org.fugong.riskmap;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
