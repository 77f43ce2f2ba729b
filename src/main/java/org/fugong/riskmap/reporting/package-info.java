/**
 * The risk map's second API, for those who report epidemic figures (the health bureau's systems,
 * the demo city): {@link org.fugong.riskmap.reporting.RiskMapDesk} takes a day's figures of units,
 * all or nothing, and recomputes their colours. Modules that only read colours use the root API
 * ({@link org.fugong.riskmap.RiskMap}, {@link org.fugong.riskmap.RiskColourChanged}).
 */
@NullMarked
@NamedInterface("reporting")
package org.fugong.riskmap.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
