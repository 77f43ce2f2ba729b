package org.fugong.enterprises;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A contact telephone number in mainland China: a mobile number (11 digits starting 13–19) or a
 * fixed line with its area code (0574-87654321). Spaces and a leading +86 are dropped.
 */
public final class ContactPhone {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern FIXED = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

    private ContactPhone() {}

    /** The number as stored, or null if it is not a valid number. */
    public static @Nullable String normalise(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String number = text.replaceAll("[\\s()]", "");
        if (number.startsWith("+86")) {
            number = number.substring(3);
        }
        return MOBILE.matcher(number).matches() || FIXED.matcher(number).matches() ? number : null;
    }

    public static boolean isValid(@Nullable String text) {
        return normalise(text) != null;
    }
}
