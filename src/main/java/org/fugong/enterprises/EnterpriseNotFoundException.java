package org.fugong.enterprises;

import java.util.UUID;

public class EnterpriseNotFoundException extends RuntimeException {

    public EnterpriseNotFoundException(UUID id) {
        super("No enterprise " + id);
    }
}
