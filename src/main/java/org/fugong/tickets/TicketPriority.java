package org.fugong.tickets;

public enum TicketPriority {
    NORMAL,
    URGENT;

    public String messageKey() {
        return "ticket.priority." + name();
    }
}
