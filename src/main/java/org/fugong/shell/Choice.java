package org.fugong.shell;

import org.fugong.geography.Named;

import java.util.Locale;

/**
 * One option of a form's select: the value sent, and the text shown — either a message key
 * (translated by the page) or a name already in the reader's language.
 */
public record Choice(String value, String label, boolean messageKey) {

    public static Choice ofKey(String value, String messageKey) {
        return new Choice(value, messageKey, true);
    }

    public static Choice ofName(String value, Named named, Locale locale) {
        return new Choice(value, named.name(locale), false);
    }
}
