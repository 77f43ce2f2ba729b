package org.fugong.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Sends a failed sign-in back to the form with the reason: a wrong password, a locked account
 * (with the time it opens again, shown by the login page) or a disabled one.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginAttempts attempts;
    private final UserAccounts accounts;

    LoginFailureHandler(LoginAttempts attempts, UserAccounts accounts) {
        this.attempts = attempts;
        this.accounts = accounts;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String username = request.getParameter("username");
        request.getSession().setAttribute(LoginAttempts.LAST_USERNAME, username == null ? "" : username);
        // Only a right password reaches the account's state (disabled, pending, locked by an administrator's
        // measure); a wrong one is "bad" whatever the account, or its absence, is.
        String reason;
        if (attempts.lockedUntil(username, LoginAttempts.addressOf(request)).isPresent()) {
            reason = "locked";
        } else if (exception instanceof LockedException) {
            reason = "locked";
        } else if (exception instanceof DisabledException) {
            reason = username != null
                            && accounts.findByUsername(username.trim().toLowerCase(Locale.ROOT))
                                    .filter(UserAccount::isPending)
                                    .isPresent()
                    ? "pending"
                    : "disabled";
        } else {
            reason = "bad";
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
