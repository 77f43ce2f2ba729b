package org.fugong.tickets;

/** The step is not possible in the ticket's current status; the message key says why. */
public class TicketStateException extends RuntimeException {
    public TicketStateException(String messageKey) {
        super(messageKey);
    }

    public String messageKey() {
        return getMessage();
    }
}
