package org.fugong.tickets;

import java.util.UUID;

public class TicketNotFoundException extends RuntimeException {
    public TicketNotFoundException(UUID id) {
        super("No ticket " + id);
    }
}
