package org.fugong.accounts;

import java.util.UUID;

/** The form was filled in on a version of the user that someone else has changed since. */
public class StaleAccountException extends RuntimeException {

    public StaleAccountException(UUID id) {
        super("User " + id + " was changed by someone else");
    }
}
