/**
 * One index and the command center: the resumption index per district, category and day (the
 * grid's electricity figures, the registry, the desks), versioned index rules, daily snapshots, the
 * officials' dashboard, the wall screen opened by a signed link, the daily brief as PDF, the
 * enterprises' home page. Reads other modules only through their APIs. Model: docs/dashboard.md.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "enterprises",
            "enterprises::applications",
            "geography",
            "healthcode",
            "riskmap",
            "supplychain",
            "tickets",
            "transport",
            "visits"
        })
package org.fugong.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
