package org.fugong.shell;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One option of a form's select: the value sent, and the text shown — either a message key
 * (translated by the page) or a name already in the reader's language.
 */
public record Choice(String value, String label, boolean messageKey) {

    public static Choice ofKey(String value, String messageKey) {
        return new Choice(value, messageKey, true);
    }

    public static Choice ofName(String value, String name) {
        return new Choice(value, name, false);
    }

    /** The values of an enum, each shown by its message key. */
    public static <E extends Enum<E>> List<Choice> of(E[] values, Function<E, String> messageKey) {
        return Arrays.stream(values)
                .map(v -> ofKey(v.name(), messageKey.apply(v)))
                .toList();
    }
}
