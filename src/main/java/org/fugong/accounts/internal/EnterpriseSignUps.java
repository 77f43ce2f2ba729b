package org.fugong.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
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
import org.fugong.shell.Digests;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.LimitReachedException;
import org.fugong.shell.TextMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
    private final TextMessages texts;
    private final MessageSource messages;

    /** Sign-up requests one address may send per hour. */
    public static final int PER_ADDRESS = 10;

    /** Sign-up requests one mobile number may be given in per day. */
    public static final int PER_PHONE = 3;

    static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    static final Duration PHONE_WINDOW = Duration.ofDays(1);
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");

    EnterpriseSignUps(
            UserAccounts accounts,
            UserAdministration users,
            PasswordEncoder passwordEncoder,
            AuditTrail audit,
            Geography geography,
            EnterpriseDirectory enterprises,
            JdbcClient jdbc,
            Clock clock,
            TextMessages texts,
            MessageSource messages) {
        this.accounts = accounts;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.geography = geography;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.clock = clock;
        this.texts = texts;
        this.messages = messages;
    }

    /** What an enterprise types to sign up: its credit code, the person, the phone, and the credentials. */
    public record SignUp(String uscc, String contactName, String contactPhone, String username, String password) {}

    /**
     * An enterprise signs up itself, from a client address. The form's own mistakes (a credit code
     * that is not one, a landline, a name or password against the rules) are answered at once.
     * Whether the credit code is in the registry and whether the account name is free is never
     * answered on the page — the answer is the same either way, and the outcome goes by text to
     * the mobile number given —, and each address and each number may ask only a few times, so
     * the form cannot be used to learn which enterprises or accounts exist. The account, when one
     * is made, is closed until the enterprise's district verifies it. Several people of one
     * enterprise may sign up, each with an account of their own.
     *
     * @return the account made, or empty when the code is not registered or the name is taken
     */
    @Transactional
    public Optional<UserAccount> signUp(SignUp signUp, String address) {
        String uscc = AccountRules.nullToEmpty(signUp.uscc()).trim().toUpperCase(Locale.ROOT);
        if (!UnifiedSocialCreditCode.isValid(uscc)) {
            throw InvalidInputException.of("uscc", "accounts.error.uscc");
        }
        String name = AccountRules.nullToEmpty(signUp.contactName()).trim();
        if (name.isEmpty() || name.length() > 100) {
            throw InvalidInputException.of("contactName", "accounts.error.required");
        }
        String phone = ContactPhone.normalise(signUp.contactPhone());
        if (phone == null || !MOBILE.matcher(phone).matches()) {
            throw InvalidInputException.of("contactPhone", "accounts.error.signup.mobile");
        }
        String username = AccountRules.nullToEmpty(signUp.username()).trim().toLowerCase(Locale.ROOT);
        if (!AccountRules.USERNAME.matcher(username).matches()) {
            throw InvalidInputException.of("username", "accounts.error.username.format");
        }
        AccountRules.checkPassword(username, signUp.password(), "password");
        Instant now = clock.instant();
        counted(address, phone, now);
        // Encoded whatever the outcome, so that the answer takes as long either way.
        String encoded = passwordEncoder.encode(signUp.password());
        Locale locale = LocaleContextHolder.getLocale();
        Optional<EnterpriseSummary> found = enterprises.findByUscc(uscc);
        if (found.isEmpty()) {
            texts.send(phone, messages.getMessage("signup.sms.notRegistered", new Object[] {uscc}, locale));
            return Optional.empty();
        }
        if (accounts.findByUsername(username).isPresent()) {
            texts.send(phone, messages.getMessage("signup.sms.taken", new Object[] {username}, locale));
            return Optional.empty();
        }
        EnterpriseSummary enterprise = found.get();
        UserAccount account = UserAccount.signUp(
                UUID.randomUUID(),
                username,
                encoded,
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
        texts.send(
                phone, messages.getMessage("signup.sms.received", new Object[] {enterprise.name(), username}, locale));
        return Optional.of(account);
    }

    /** Counts the request, or refuses it when its address or its number has asked too often lately. */
    private void counted(String address, String phone, Instant now) {
        String phoneHash = Digests.sha256Hex(phone);
        boolean tooMany = jdbc.sql("""
                        select count(*) filter (where address = :address and at > :addressSince) >= :perAddress
                            or count(*) filter (where phone_hash = :phone and at > :phoneSince) >= :perPhone
                        from account_signup_attempt
                        where (address = :address and at > :addressSince) or (phone_hash = :phone and at > :phoneSince)""")
                .param("address", address)
                .param("addressSince", Timestamp.from(now.minus(ADDRESS_WINDOW)))
                .param("perAddress", PER_ADDRESS)
                .param("phone", phoneHash)
                .param("phoneSince", Timestamp.from(now.minus(PHONE_WINDOW)))
                .param("perPhone", PER_PHONE)
                .query(Boolean.class)
                .single();
        if (tooMany) {
            throw new LimitReachedException("accounts.error.signup.tooMany");
        }
        jdbc.sql("insert into account_signup_attempt (address, phone_hash, at) values (?, ?, ?)")
                .params(address, phoneHash, Timestamp.from(now))
                .update();
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
