/**
 * One code: green, yellow and red health codes as signed QR codes that gates verify offline from
 * the published keys. Personal data never reaches the database in plain text. Other modules identify
 * people through {@link org.fugong.healthcode.Persons} and read colours as {@link org.fugong.healthcode.CodeColour}.
 * Model and flows: docs/healthcode.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "database", "enterprises", "geography", "riskmap"})
package org.fugong.healthcode;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
