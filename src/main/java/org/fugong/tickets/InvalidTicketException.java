package org.fugong.tickets;

import java.util.Map;

/** What is wrong with a ticket form: field → message key. Nothing was saved. */
public class InvalidTicketException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidTicketException(Map<String, String> problems) {
        super("Invalid input: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
