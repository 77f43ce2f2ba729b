/**
 * The city, its districts and townships, with their codes and names in both languages.
 * A city is data, not code: the city file named by {@code fugong.geography.city-file} is loaded
 * at start-up (Ningbo is the default).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.fugong.geography;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
