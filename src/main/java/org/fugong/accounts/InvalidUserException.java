package org.fugong.accounts;

/** A user form value the rules refuse: the field it belongs to and the message key that explains it. */
public class InvalidUserException extends RuntimeException {

    private final String field;

    public InvalidUserException(String field, String messageKey) {
        super(messageKey);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return getMessage();
    }
}
