package org.fugong.enterprises;

/** Someone else changed the record since the form was opened; nothing was saved. */
public class StaleApplicationException extends RuntimeException {
    public StaleApplicationException() {
        super("Changed by someone else");
    }
}
