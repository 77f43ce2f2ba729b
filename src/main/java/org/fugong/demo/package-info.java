/**
 * The demo city: Ningbo's enterprises and an account for every role, loaded on the first start
 * with the embedded database or the {@code demo} profile. It writes only through the other
 * modules' APIs.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "accounts",
            "dashboard",
            "database",
            "enterprises",
            "enterprises::applications",
            "geography",
            "healthcode",
            "riskmap::reporting",
            "supplychain",
            "tickets",
            "transport",
            "visits"
        })
package org.fugong.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
