package org.fugong.accounts;

/** A change the account's current state does not allow; the message is a message key. */
public class AccountStateException extends RuntimeException {

    public AccountStateException(String messageKey) {
        super(messageKey);
    }

    public String messageKey() {
        return getMessage();
    }
}
