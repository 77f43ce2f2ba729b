/**
 * Users, their roles and bindings, sign-in with lock-out, enterprise sign-ups, the security
 * configuration that collects every module's {@link org.fugong.access.RouteAccess}, and user
 * administration ({@link org.fugong.accounts.UserAdministration}, the module's API).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "geography"})
package org.fugong.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
