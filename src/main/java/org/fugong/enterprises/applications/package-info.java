/**
 * The enterprises module's second API: return-to-work applications. The enterprise files with
 * {@link org.fugong.enterprises.applications.ApplicationDesk}, the district decides with
 * {@link org.fugong.enterprises.applications.ApplicationReview}; the figures of the resumption index
 * are {@link org.fugong.enterprises.applications.ResumptionFigures}'. Modules that only look up
 * enterprises use the registry, the root API. Model and flows: docs/applications.md.
 */
@NullMarked
@NamedInterface("applications")
package org.fugong.enterprises.applications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
