package org.fugong.tickets;

/** What a problem is about; each category has its help text and its default handling unit. */
public enum TicketCategory {
    LABOUR,
    LOGISTICS,
    MATERIALS,
    PREVENTION,
    FINANCE,
    POLICY,
    OTHER;

    public String messageKey() {
        return "ticket.category." + name();
    }

    public String helpKey() {
        return "ticket.category." + name() + ".help";
    }
}
