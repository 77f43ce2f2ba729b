package org.fugong.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.fugong.access.MachineAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with {@code Authorization: Bearer …} is authenticated by the module whose machine holds
 * the token, for this request only: nothing is stored in a session. An unknown token is a 401.
 */
final class MachineAuthenticationFilter extends OncePerRequestFilter {

    private final List<MachineAuthentication> machines;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    MachineAuthenticationFilter(List<MachineAuthentication> machines) {
        this.machines = machines;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).strip();
        Optional<Authentication> machine = Optional.empty();
        for (MachineAuthentication candidate : machines) {
            machine = candidate.authenticate(token, request);
            if (machine.isPresent()) {
                break;
            }
        }
        if (machine.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(machine.get());
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
