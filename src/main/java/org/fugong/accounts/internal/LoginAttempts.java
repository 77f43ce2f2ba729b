package org.fugong.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
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
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts wrong passwords per name and client address (too many in a row lock that name for that
 * address only) and per address (too many in a window block the address); every attempt, good or
 * bad, goes to the audit trail. The counts live in PostgreSQL, so every instance sees them.
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
            failed(key(username), addressOf(event.getAuthentication().getDetails()), now);
        }
        audit.recordAs(
                truncate(username),
                null,
                AuditEntry.of("accounts", "Login", null, "LOGIN_FAILED").change(null, Map.of("reason", reason)));
    }

    /**
     * Counts a wrong password for a name from an address (the fifth in a row locks that name for
     * that address) and for the address over every name (too many in the window block it). One
     * statement each, so that parallel attempts all count.
     */
    void failed(String username, String address, Instant now) {
        jdbc.sql("""
                        insert into account_login_failure (username, address, failures, last_at, locked_until)
                        values (:username, :address, 1, cast(:now as timestamptz), case when 1 >= cast(:max as int) then cast(:until as timestamptz) end)
                        on conflict (username, address) do update set
                            failures = case when account_login_failure.locked_until is not null
                                                 and account_login_failure.locked_until <= cast(:now as timestamptz)
                                            then 1 else account_login_failure.failures + 1 end,
                            last_at = cast(:now as timestamptz),
                            locked_until = case
                                when account_login_failure.locked_until is not null
                                     and account_login_failure.locked_until > cast(:now as timestamptz) then account_login_failure.locked_until
                                when (case when account_login_failure.locked_until is not null
                                                and account_login_failure.locked_until <= cast(:now as timestamptz)
                                           then 1 else account_login_failure.failures + 1 end) >= cast(:max as int) then cast(:until as timestamptz)
                                else null end""")
                .param("username", username)
                .param("address", address)
                .param("now", Timestamp.from(now))
                .param("max", properties.maxFailedLogins())
                .param("until", Timestamp.from(now.plus(properties.lockDuration())))
                .update();
        jdbc.sql("""
                        insert into account_address_failure (address, failures, window_start, blocked_until)
                        values (:address, 1, cast(:now as timestamptz), null)
                        on conflict (address) do update set
                            failures = case when account_address_failure.window_start <= cast(:windowStart as timestamptz)
                                            then 1 else account_address_failure.failures + 1 end,
                            window_start = case when account_address_failure.window_start <= cast(:windowStart as timestamptz)
                                                then cast(:now as timestamptz) else account_address_failure.window_start end,
                            blocked_until = case
                                when account_address_failure.blocked_until > cast(:now as timestamptz) then account_address_failure.blocked_until
                                when account_address_failure.window_start > cast(:windowStart as timestamptz)
                                     and account_address_failure.failures + 1 >= cast(:max as int) then cast(:until as timestamptz)
                                else null end""")
                .param("address", address)
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(properties.addressWindow())))
                .param("max", properties.maxFailuresPerAddress())
                .param("until", Timestamp.from(now.plus(properties.addressWindow())))
                .update();
    }

    /** Why a sign-in from an address may not even be tried now: the name locked there, or the address blocked. */
    public enum Refusal {
        LOCKED,
        THROTTLED
    }

    /** Whether a sign-in for this name from this address is refused before its password is looked at. */
    @Transactional(readOnly = true)
    public Optional<Refusal> refusal(@Nullable String username, String address) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean blocked =
                jdbc.sql("select count(*) from account_address_failure where address = ? and blocked_until > ?")
                                .params(address, now)
                                .query(Long.class)
                                .single()
                        > 0;
        if (blocked) {
            return Optional.of(Refusal.THROTTLED);
        }
        return lockedUntil(username, address).map(until -> Refusal.LOCKED);
    }

    static String key(@Nullable String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    static String addressOf(@Nullable Object details) {
        String address = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        return address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
    }

    /** The client address of a request (the proxy's when it is not a trusted one). */
    public static String addressOf(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address;
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Actor actor) {
            jdbc.sql("update account_user set failed_attempts = 0, locked_until = null where id = ?")
                    .param(actor.id())
                    .update();
            jdbc.sql("delete from account_login_failure where username = ? and address = ?")
                    .params(
                            key(actor.getUsername()),
                            addressOf(event.getAuthentication().getDetails()))
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

    /** Until when sign-ins for this name from this address are locked, if they are now. */
    public Optional<Instant> lockedUntil(@Nullable String username, String address) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select locked_until from account_login_failure
                        where username = ? and address = ? and locked_until > ?""")
                .params(key(username), address, Timestamp.from(clock.instant()))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Lifts every lock on a name (an administrator's unlock). */
    public void unlock(String username) {
        jdbc.sql("delete from account_login_failure where username = ?")
                .param(key(username))
                .update();
    }

    private static String truncate(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }
}
