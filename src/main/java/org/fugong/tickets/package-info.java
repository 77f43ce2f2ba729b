/**
 * The problem ticket desk: enterprises' problems received, routed to the unit that settles them,
 * held to an SLA with warnings, reminder notices (催办单), escalation and supervision, resolved,
 * confirmed by the enterprise and closed after a follow-up call. Other modules read figures
 * through {@link org.fugong.tickets.TicketFigures}. Model and flows: docs/tickets.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "geography"})
package org.fugong.tickets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
