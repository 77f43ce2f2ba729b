/**
 * Supply chains in step (四同步): each lead enterprise's supplier tree and needs, whether each lead
 * can run and why not, single points of failure, the smallest unblocking set, and the suppliers that
 * matter most. Model and rules: docs/supplychain.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "enterprises::applications", "geography", "tickets"})
package org.fugong.supplychain;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
