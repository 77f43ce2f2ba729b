/**
 * The embedded PostgreSQL the application starts when no database is configured (and the tests'
 * throw-away cluster): real PostgreSQL binaries from Maven Central, data kept in a local folder.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.fugong.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
