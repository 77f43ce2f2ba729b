package org.fugong.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.ContactPhone;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.geography.Geography;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enterprises sign up themselves: an account for a registered enterprise, closed until its district
 * verifies it (or refuses it, with the reason). Every step audited.
 */
@Service
public class EnterpriseSignUps {

    private final UserAccounts accounts;
    private final UserAdministration users;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final Geography geography;
    private final EnterpriseDirectory enterprises;
    private final JdbcClient jdbc;
    private final Clock clock;

    EnterpriseSignUps(
            UserAccounts accounts,
            UserAdministration users,
            PasswordEncoder passwordEncoder,
            AuditTrail audit,
            Geography geography,
            EnterpriseDirectory enterprises,
            JdbcClient jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.geography = geography;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an enterprise types to sign up: its credit code, the person, the phone, and the credentials. */
    public record SignUp(String uscc, String contactName, String contactPhone, String username, String password) {}

    /**
     * An enterprise signs up itself. The credit code must be in the registry; the account is
     * disabled until the enterprise's district verifies it. Several people of one enterprise may
     * sign up, each with an account of their own.
     */
    @Transactional
    public UserAccount signUp(SignUp signUp) {
        String uscc = AccountRules.nullToEmpty(signUp.uscc()).trim().toUpperCase(Locale.ROOT);
        if (!UnifiedSocialCreditCode.isValid(uscc)) {
            throw InvalidInputException.of("uscc", "accounts.error.uscc");
        }
        EnterpriseSummary enterprise = enterprises
                .findByUscc(uscc)
                .orElseThrow(() -> InvalidInputException.of("uscc", "accounts.error.enterprise.notRegistered"));
        String name = AccountRules.nullToEmpty(signUp.contactName()).trim();
        if (name.isEmpty() || name.length() > 100) {
            throw InvalidInputException.of("contactName", "accounts.error.required");
        }
        String phone = ContactPhone.normalise(signUp.contactPhone());
        if (phone == null) {
            throw InvalidInputException.of("contactPhone", "accounts.error.phone");
        }
        String username = AccountRules.nullToEmpty(signUp.username()).trim().toLowerCase(Locale.ROOT);
        if (!AccountRules.USERNAME.matcher(username).matches()) {
            throw InvalidInputException.of("username", "accounts.error.username.format");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw InvalidInputException.of("username", "accounts.error.username.taken");
        }
        AccountRules.checkPassword(username, signUp.password(), "password");
        Instant now = clock.instant();
        UserAccount account = UserAccount.signUp(
                UUID.randomUUID(),
                username,
                passwordEncoder.encode(signUp.password()),
                name,
                geography.city().code(),
                enterprise.districtCode(),
                enterprise.id(),
                phone,
                now);
        accounts.saveAndFlush(account);
        audit.recordAs(
                username,
                Role.ENTERPRISE.name(),
                AccountRules.entry(account, "ENTERPRISE_SIGNED_UP").change(null, account.auditState()));
        return account;
    }

    /** Sign-ups waiting for their district, oldest first. */
    @Transactional(readOnly = true)
    public List<UserAccount> pending(Scope scope) {
        Scope.Condition scoped = scope.where("district_code", "enterprise_id");
        List<UUID> ids = jdbc.sql("select id from account_user where verification = 'PENDING' and " + scoped.sql()
                        + " order by created_at limit 200")
                .params(scoped.parameters())
                .query(UUID.class)
                .list();
        Map<UUID, UserAccount> byId = new HashMap<>();
        accounts.findAllById(ids).forEach(a -> byId.put(a.getId(), a));
        return ids.stream().map(byId::get).toList();
    }

    /** The district verifies a sign-up: the account may sign in and file from now on. */
    @Transactional
    public void verify(Actor admin, Scope scope, UUID id, long expectedVersion) {
        UserAccount account = users.editable(scope, id, expectedVersion);
        var before = account.auditState();
        account.verify(admin.getUsername(), clock.instant());
        accounts.saveAndFlush(account);
        audit.record(AccountRules.entry(account, "ENTERPRISE_ACCOUNT_VERIFIED").change(before, account.auditState()));
    }

    /** The district refuses a sign-up, with the reason; the account never opens. */
    @Transactional
    public void refuse(Actor admin, Scope scope, UUID id, long expectedVersion, @Nullable String reason) {
        UserAccount account = users.editable(scope, id, expectedVersion);
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "accounts.error.refuseReason");
        }
        var before = account.auditState();
        account.refuse(admin.getUsername(), reason.trim(), clock.instant());
        accounts.saveAndFlush(account);
        audit.record(AccountRules.entry(account, "ENTERPRISE_ACCOUNT_REFUSED").change(before, account.auditState()));
    }
}
