package org.fugong.enterprises;

import java.util.Map;

/** What is wrong with a form of the applications desk: field → message key. Nothing was saved. */
public class InvalidApplicationException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidApplicationException(Map<String, String> problems) {
        super("Invalid input: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
