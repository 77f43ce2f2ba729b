/**
 * The web shell, shared by every module: one layout, navigation by role ({@link NavigationItem}
 * beans), the language switch, times in the city's zone, keyset pages ({@link Slice}), and the one
 * way to refuse a request — four refusals ({@link NotFoundException}, {@link InvalidInputException},
 * {@link StaleVersionException}, {@link RefusedChangeException}), {@link FormStep} for a form's step,
 * and one advice with one error page.
 */
@NullMarked
package org.fugong.shell;

import org.jspecify.annotations.NullMarked;
