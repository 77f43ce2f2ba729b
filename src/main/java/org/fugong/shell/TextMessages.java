package org.fugong.shell;

/**
 * Sends a text message to a mobile phone: one-time codes, the outcome of a sign-up. Without a
 * provider the text is logged with the phone masked; a provider is plugged in as another bean of
 * this type.
 */
public interface TextMessages {

    void send(String mobile, String text);

    /** A mobile number with its middle digits hidden, for logs and pages. */
    static String mask(String mobile) {
        return mobile.length() < 7
                ? "*".repeat(mobile.length())
                : mobile.substring(0, 3) + "*".repeat(mobile.length() - 7) + mobile.substring(mobile.length() - 4);
    }
}
