package org.fugong.tickets;

/** Someone else changed the ticket since the page was opened; nothing was saved. */
public class StaleTicketException extends RuntimeException {
    public StaleTicketException() {
        super("Changed by someone else");
    }
}
