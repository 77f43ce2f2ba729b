package org.fugong.tickets;

/** How a ticket came in: the enterprise online, the hotline for a caller, a commissioner's visit, the API. */
public enum TicketChannel {
    ONLINE,
    HOTLINE,
    VISIT,
    API;

    public String messageKey() {
        return "ticket.channel." + name();
    }
}
