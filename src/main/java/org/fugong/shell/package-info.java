/**
 * The web shell: one layout, navigation by role, the language switch, times in the city's zone,
 * home pages and error pages. Modules add their menu entries as {@link NavigationItem} beans.
 */
@NullMarked
package org.fugong.shell;

import org.jspecify.annotations.NullMarked;
