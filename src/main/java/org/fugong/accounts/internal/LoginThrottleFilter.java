package org.fugong.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in before its password is looked at when the name is locked for the address it
 * comes from, or the address is blocked for trying too many: the form says so, and the attempt
 * neither counts nor reaches the password check (so a blocked address learns nothing more).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LoginThrottleFilter(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = request.getParameter("username");
        Optional<LoginAttempts.Refusal> refusal = attempts.refusal(username, LoginAttempts.addressOf(request));
        if (refusal.isPresent()) {
            request.getSession().setAttribute(LoginAttempts.LAST_USERNAME, username == null ? "" : username);
            response.sendRedirect(request.getContextPath() + "/login?error="
                    + (refusal.get() == LoginAttempts.Refusal.LOCKED ? "locked" : "throttled"));
            return;
        }
        chain.doFilter(request, response);
    }
}
