package org.fugong.enterprises;

import java.util.Random;

/**
 * The unified social credit code of GB 32100-2015: 18 characters from a 31-character alphabet
 * (no I, O, Z, S, V) — registration authority, entity category, the GB/T 2260 division code,
 * the 9-character organisation code (GB 11714) and a check character over the first 17.
 */
public final class UnifiedSocialCreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANISATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private UnifiedSocialCreditCode() {}

    /** Whether the text is a well-formed code with the right check character. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return checkCharacter(code.substring(0, 17)) == code.charAt(17);
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("Need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("Not a credit-code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** The check character of an organisation code body (GB 11714): 8 digits or capital letters. */
    public static char organisationCheckCharacter(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORGANISATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /**
     * A random, valid code of a company (authority 9, category 1) registered in a district: its
     * GB/T 2260 code, or the city's for a zone without one (the code's first six digits).
     */
    public static String randomCompany(String districtCode, Random random) {
        StringBuilder body = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return compose('9', '1', districtCode.substring(0, 6), body.toString());
    }

    /** A complete code from its parts; the organisation code and the code get their check characters. */
    public static String compose(char authority, char category, String division6, String organisationBody8) {
        String first17 = "" + authority + category + division6 + organisationBody8
                + organisationCheckCharacter(organisationBody8);
        return first17 + checkCharacter(first17);
    }
}
