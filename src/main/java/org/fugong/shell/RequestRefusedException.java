package org.fugong.shell;

/**
 * A request refused for one of four reasons, each with its own status: the record does not exist
 * ({@link NotFoundException}, 404), the input is wrong ({@link InvalidInputException}, field by field),
 * the form was filled in on a version someone has changed since ({@link StaleVersionException}, 409),
 * or the record's state does not allow the step ({@link RefusedChangeException}, 409). Every module
 * refuses with these; one advice turns them into the status and the page (or JSON) that says why.
 */
public abstract class RequestRefusedException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    protected RequestRefusedException(String message, String messageKey, Object... arguments) {
        super(message);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    /** The HTTP status of the refusal when no form takes it back. */
    public abstract int status();

    /** The message key that explains the refusal to the reader. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
