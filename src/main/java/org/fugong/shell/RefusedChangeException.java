package org.fugong.shell;

/** The record's state does not allow the step (an illegal transition); the message key says why: 409. */
public class RefusedChangeException extends RequestRefusedException {

    public RefusedChangeException(String messageKey, Object... arguments) {
        super(messageKey, messageKey, arguments);
    }

    @Override
    public int status() {
        return 409;
    }
}
