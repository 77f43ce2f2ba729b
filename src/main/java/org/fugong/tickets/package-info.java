/**
 * The problem ticket desk: enterprises' problems received, routed to the unit that settles them,
 * held to an SLA with warnings, reminder notices (催办单), escalation and supervision, resolved,
 * confirmed by the enterprise and closed after a follow-up call. The API: {@link org.fugong.tickets.TicketDesk}
 * files and reads, {@link org.fugong.tickets.TicketHandling} takes the unit's steps,
 * {@link org.fugong.tickets.TicketReplies} the enterprise's, {@link org.fugong.tickets.TicketFigures} counts;
 * {@link org.fugong.tickets.TicketUnits} tells {@code Scope} the unit an official works in. Model and
 * flows: docs/tickets.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "enterprises", "geography"})
package org.fugong.tickets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
