package org.fugong.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in before its password is looked at when the name is locked for the address it
 * comes from, or the address is blocked for trying too many: the form says so, and the attempt
 * neither counts nor reaches the password check (so a blocked address learns nothing more). A
 * system's call with HTTP Basic credentials is held to the same counts and refused with 429.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LoginThrottleFilter(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !signInForm(request) && basicUsername(request) == null;
    }

    private static boolean signInForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login");
    }

    /** The name an HTTP Basic header carries, or null (no such header, or not readable). */
    private static @Nullable String basicUsername(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = signInForm(request);
        String username = form ? request.getParameter("username") : basicUsername(request);
        Optional<LoginAttempts.Refusal> refusal = attempts.refusal(username, LoginAttempts.addressOf(request));
        if (refusal.isPresent() && !form) {
            // A system's call with a credential: refused as too many, without looking at the password.
            response.sendError(429);
            return;
        }
        if (refusal.isPresent()) {
            request.getSession().setAttribute(LoginAttempts.LAST_USERNAME, username == null ? "" : username);
            response.sendRedirect(request.getContextPath() + "/login?error="
                    + (refusal.get() == LoginAttempts.Refusal.LOCKED ? "locked" : "throttled"));
            return;
        }
        chain.doFilter(request, response);
    }
}
