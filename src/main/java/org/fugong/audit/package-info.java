/**
 * The append-only record of every state change: who, what, when, before and after.
 * Other modules call {@link org.fugong.audit.AuditTrail#record} inside the transaction that
 * makes the change, so a change and its record commit or roll back together.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.fugong.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
