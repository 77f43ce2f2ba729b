package org.fugong.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.NotReadablePropertyException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.BindingResult;

/**
 * What is wrong with the input, field by field (field → message key, with arguments where the
 * message needs them). Nothing was saved. A form takes it back with {@link #rejectInto}; elsewhere
 * it is a 400 that lists the problems.
 */
public class InvalidInputException extends RequestRefusedException {

    /** One field's problem. */
    public record Problem(String field, String messageKey, List<Object> arguments) {
        public Problem {
            arguments = List.copyOf(arguments);
        }
    }

    private final List<Problem> problems;
    private final int status;

    public InvalidInputException(Map<String, String> problems) {
        this(problems.entrySet().stream()
                .map(p -> new Problem(p.getKey(), p.getValue(), List.of()))
                .toList());
    }

    public InvalidInputException(List<Problem> problems) {
        this(problems, 400);
    }

    private InvalidInputException(List<Problem> problems, int status) {
        super("Invalid input: " + problems, "error.form");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An invalid input has at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.status = status;
    }

    /**
     * The same problems answered 422: a whole document (a tree of links, a file) that is well formed
     * but cannot be taken as it is.
     */
    public InvalidInputException unprocessable() {
        return new InvalidInputException(problems, 422);
    }

    /**
     * The problems of one line of a file, each at the form's field {@code file} as {@code lineKey}
     * with the line number, the column and the problem's own message as arguments.
     */
    public static List<Problem> atLine(String lineKey, int line, Map<String, String> problemsByColumn) {
        List<Problem> found = new ArrayList<>();
        problemsByColumn.forEach((column, key) -> found.add(
                new Problem("file", lineKey, List.of(line, column, new DefaultMessageSourceResolvable(key)))));
        return found;
    }

    /** One field's problem, with the arguments its message needs. */
    public static InvalidInputException of(String field, String messageKey, Object... arguments) {
        return new InvalidInputException(List.of(new Problem(field, messageKey, List.of(arguments))));
    }

    /** Field → message key, in the order found (the first problem of a field). */
    public Map<String, String> problems() {
        Map<String, String> byField = new LinkedHashMap<>();
        problems.forEach(p -> byField.putIfAbsent(p.field(), p.messageKey()));
        return byField;
    }

    public List<Problem> all() {
        return problems;
    }

    /** The first problem's field. */
    public String field() {
        return problems.get(0).field();
    }

    @Override
    public String messageKey() {
        return problems.get(0).messageKey();
    }

    @Override
    public Object[] arguments() {
        return problems.get(0).arguments().toArray();
    }

    @Override
    public int status() {
        return status;
    }

    /**
     * Puts the problems on the form that was submitted: each at its field, or as a form-wide error
     * when the form has no such field.
     */
    public void rejectInto(BindingResult result) {
        List<Problem> global = new ArrayList<>();
        for (Problem problem : problems) {
            try {
                result.rejectValue(
                        problem.field(),
                        problem.messageKey(),
                        problem.arguments().toArray(),
                        problem.messageKey());
            } catch (NotReadablePropertyException notAField) {
                global.add(problem);
            }
        }
        global.forEach(p -> result.reject(p.messageKey(), p.arguments().toArray(), p.messageKey()));
    }
}
