package org.fugong.enterprises;

/** The step is not possible in the application's current state; the message key says why. */
public class ApplicationStateException extends RuntimeException {

    private final String messageKey;

    public ApplicationStateException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
