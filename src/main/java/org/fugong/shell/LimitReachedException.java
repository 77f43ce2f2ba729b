package org.fugong.shell;

/**
 * Refused because the caller asked too often (429): a one-time code per phone, ID number or client
 * address per hour, or guesses of a code. The message says when to try again, never why in detail.
 */
public class LimitReachedException extends RequestRefusedException {

    public LimitReachedException(String messageKey, Object... arguments) {
        super("Limit reached: " + messageKey, messageKey, arguments);
    }

    @Override
    public int status() {
        return 429;
    }
}
