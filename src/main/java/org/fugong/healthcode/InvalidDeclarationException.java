package org.fugong.healthcode;

import java.util.Map;

/** What is wrong with a declaration or a check-in: field → message key. Nothing was saved. */
public class InvalidDeclarationException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidDeclarationException(Map<String, String> problems) {
        super("Invalid declaration: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
