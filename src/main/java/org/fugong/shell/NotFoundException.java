package org.fugong.shell;

/** There is no such record: 404. */
public class NotFoundException extends RequestRefusedException {

    public NotFoundException(String what, Object id) {
        super("No " + what + " " + id, "error.404.text");
    }

    @Override
    public int status() {
        return 404;
    }
}
