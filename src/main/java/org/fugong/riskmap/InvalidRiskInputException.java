package org.fugong.riskmap;

/** A value the risk map refuses: the field it belongs to and the message key that explains it. */
public class InvalidRiskInputException extends RuntimeException {

    private final String field;
    private final Object[] arguments;

    public InvalidRiskInputException(String field, String messageKey, Object... arguments) {
        super(messageKey);
        this.field = field;
        this.arguments = arguments;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return getMessage();
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
