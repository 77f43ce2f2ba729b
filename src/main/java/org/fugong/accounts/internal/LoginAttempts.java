package org.fugong.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts wrong passwords and locks the account after too many in a row; every attempt, good or
 * bad, goes to the audit trail. Counting is one UPDATE so that parallel attempts all count.
 */
@Component
public class LoginAttempts {

    /** The session attribute that keeps the name typed in a failed sign-in, for the form and its message. */
    public static final String LAST_USERNAME = "fugong.login.lastUsername";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final AccountsProperties properties;
    private final Clock clock;

    LoginAttempts(JdbcClient jdbc, AuditTrail audit, AccountsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        Instant now = clock.instant();
        String reason = event.getException().getClass().getSimpleName();
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            jdbc.sql("""
                            update account_user set
                                failed_attempts = case when locked_until is not null and locked_until <= :now
                                                       then 1 else failed_attempts + 1 end,
                                locked_until = case
                                    when locked_until is not null and locked_until > :now then locked_until
                                    when (case when locked_until is not null and locked_until <= :now
                                               then 1 else failed_attempts + 1 end) >= :max then :until
                                    else null end
                            where lower(username) = lower(:username)""")
                    .param("now", Timestamp.from(now))
                    .param("max", properties.maxFailedLogins())
                    .param("until", Timestamp.from(now.plus(properties.lockDuration())))
                    .param("username", username)
                    .update();
        }
        audit.recordAs(
                truncate(username),
                null,
                AuditEntry.of("accounts", "Login", null, "LOGIN_FAILED").change(null, Map.of("reason", reason)));
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Actor actor) {
            jdbc.sql("update account_user set failed_attempts = 0, locked_until = null where id = ?")
                    .param(actor.id())
                    .update();
            audit.recordAs(
                    actor.getUsername(),
                    actor.role().name(),
                    AuditEntry.of("accounts", "Login", actor.id(), "LOGIN_SUCCEEDED")
                            .owner(actor.districtCode(), actor.enterpriseId()));
        }
    }

    @EventListener
    @Transactional
    public void onLogout(LogoutSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Actor actor) {
            audit.recordAs(
                    actor.getUsername(),
                    actor.role().name(),
                    AuditEntry.of("accounts", "Login", actor.id(), "LOGGED_OUT")
                            .owner(actor.districtCode(), actor.enterpriseId()));
        }
    }

    /** Until when the account is locked, if it is locked now. */
    public Optional<Instant> lockedUntil(@Nullable String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select locked_until from account_user where lower(username) = lower(?) and locked_until > ?")
                .params(username, Timestamp.from(clock.instant()))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private static String truncate(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }
}
