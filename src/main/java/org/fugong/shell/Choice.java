package org.fugong.shell;

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
}
