package org.fugong.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * How a machine (a gate device, say) proves itself on one request, without a password hash or a
 * session: a module provides this bean and the security configuration asks it for every request
 * that carries {@code Authorization: Bearer …}. The authentication lives for that request only.
 */
public interface MachineAuthentication {

    /** The machine that holds this bearer token, if it is one of this module's and still valid. */
    Optional<Authentication> authenticate(String bearerToken, HttpServletRequest request);
}
