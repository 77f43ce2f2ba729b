package org.fugong.shell;

/** Someone else changed the record since the form was opened; nothing was saved: 409, "reload". */
public class StaleVersionException extends RequestRefusedException {

    public StaleVersionException() {
        super("Changed by someone else", "error.stale");
    }

    @Override
    public int status() {
        return 409;
    }
}
