package org.fugong.healthcode;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import org.fugong.shell.TextMessages;
import org.jspecify.annotations.Nullable;

/**
 * The resident identity card number of GB 11643-1999: 6 digits of the region, 8 of the birth date,
 * 3 of the sequence and a check character (ISO 7064 MOD 11-2, 0–9 or X).
 */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentId() {}

    /** The number in its stored form (upper-case X, no spaces), or null if it is not a valid number. */
    public static @Nullable String normalise(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String number = text.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!number.matches("\\d{17}[\\dX]")) {
            return null;
        }
        try {
            LocalDate birth = LocalDate.of(
                    Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return null;
            }
        } catch (DateTimeException e) {
            return null;
        }
        return checkCharacter(number.substring(0, 17)) == number.charAt(17) ? number : null;
    }

    public static boolean isValid(@Nullable String text) {
        return normalise(text) != null;
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The number as shown to those who need not know it: 3302**********123X. */
    public static String mask(String number) {
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }

    /** The longest name accepted: long minority names run over several lines of the card. */
    public static final int NAME_LENGTH = 50;

    /**
     * A person's name as stored and compared: trimmed, spaces collapsed, every form of the middle dot
     * of minority and foreign names (·•‧・･) written as U+00B7; Han characters, Latin letters and
     * the dot only, 2 to {@value #NAME_LENGTH} characters. Null when it is not a name.
     */
    public static @Nullable String normaliseName(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String name = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("[\\u00B7\\u0387\\u2022\\u2027\\u2219\\u30FB\\uFF65]", "\u00B7")
                .strip()
                .replaceAll("\\s+", " ");
        int length = name.codePointCount(0, name.length());
        if (length < 2 || length > NAME_LENGTH || name.startsWith("\u00B7") || name.endsWith("\u00B7")) {
            return null;
        }
        boolean letters = name.codePoints()
                .allMatch(c -> c == '\u00B7'
                        || c == ' '
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        || (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN));
        return letters ? name : null;
    }

    /** A name as gates show it: the first and last characters, the middle starred (王*燕, 李*), at most six signs. */
    public static String maskName(String name) {
        int[] points = name.strip().codePoints().toArray();
        if (points.length <= 1) {
            return name.strip();
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
        if (points.length == 2) {
            return masked.append('*').toString();
        }
        masked.append("*".repeat(Math.min(points.length - 2, 4)));
        return masked.appendCodePoint(points[points.length - 1]).toString();
    }

    /** A phone number shown masked: 138****1234. */
    public static String maskPhone(String phone) {
        return TextMessages.mask(phone);
    }
}
