/**
 * Who is acting and what they may see: roles, the signed-in actor, and the one scoping
 * mechanism that every module applies to its pages, forms, exports and API.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.fugong.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
