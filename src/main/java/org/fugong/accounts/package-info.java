/**
 * Users, their roles and bindings, sign-in with lock-out, the security configuration that
 * collects every module's {@link org.fugong.access.RouteAccess}, and user administration.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "geography"})
package org.fugong.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
