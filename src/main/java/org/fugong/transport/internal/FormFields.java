package org.fugong.transport.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.jspecify.annotations.Nullable;

/**
 * The module's forms and files read their fields as typed, each problem put at its field (a message key)
 * so that a form or a file line is refused whole with all of them.
 */
final class FormFields {

    private FormFields() {}

    /** Required text, at most {@code max} characters, trimmed. */
    static String text(@Nullable String value, String field, int max, Map<String, String> problems) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            problems.put(field, "transport.error.required");
        } else if (text.length() > max) {
            problems.put(field, "transport.error.tooLong");
        }
        return text;
    }

    /** A whole number between {@code min} and {@code max}; unreadable or out of range, the problem is {@code key}. */
    static int integer(
            @Nullable String value, String field, int min, int max, String key, Map<String, String> problems) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n < min || n > max) {
                problems.put(field, key);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.put(field, key);
            return 0;
        }
    }

    /** A decimal number, or null with the field's problem. */
    static @Nullable BigDecimal decimal(@Nullable String value, String field, Map<String, String> problems) {
        try {
            return new BigDecimal(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            problems.put(field, "transport.error.number");
            return null;
        }
    }

    /** The lines of an uploaded file (CSV or XLSX) whose first line must be the header; refused at {@code file}. */
    static List<List<String>> lines(String filename, byte[] content, List<String> header, int maxLines) {
        return TabularFile.upload(filename, content, header, "transport.import.error.header", maxLines);
    }

    /** The problems of one line of a file, each with its line and column, at {@code file}. */
    static List<InvalidInputException.Problem> atLine(
            int line, Map<String, String> problems, Map<String, String> columns) {
        Map<String, String> byColumn = new LinkedHashMap<>();
        problems.forEach((field, key) -> byColumn.put(columns.getOrDefault(field, field), key));
        return InvalidInputException.atLine("transport.import.error.line", line, byColumn);
    }

    /** A date as typed (ISO), or null with the field's problem (required, or not a date). */
    static @Nullable LocalDate date(@Nullable String text, String field, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            problems.put(field, "transport.error.required");
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.put(field, "transport.error.date");
            return null;
        }
    }
}
