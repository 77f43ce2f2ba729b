package org.fugong.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.internal.AccountRules;
import org.fugong.accounts.internal.UserAccount;
import org.fugong.accounts.internal.UserAccounts;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.geography.Geography;
import org.fugong.geography.Named;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Slice;
import org.fugong.shell.SqlText;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates users and changes their state. A city official manages every user; a district
 * official only the users of its own district, and only in the roles a district hands out.
 * Every change is audited; a change based on a stale form is refused.
 */
@Service
public class UserAdministration {

    static final Set<Role> DISTRICT_GRANTABLE = EnumSet.of(Role.DISTRICT_OFFICIAL, Role.COMMISSIONER, Role.ENTERPRISE);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom random = new SecureRandom();

    private final UserAccounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final Geography geography;
    private final EnterpriseDirectory enterprises;
    private final JdbcClient jdbc;
    private final FindByIndexNameSessionRepository<?> sessions;
    private final Clock clock;

    UserAdministration(
            UserAccounts accounts,
            PasswordEncoder passwordEncoder,
            AuditTrail audit,
            Geography geography,
            EnterpriseDirectory enterprises,
            JdbcClient jdbc,
            FindByIndexNameSessionRepository<?> sessions,
            Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.geography = geography;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What a new user is: the unit it is bound to depends on its role. */
    public record NewUser(
            String username,
            String displayName,
            Role role,
            @Nullable String districtCode,
            @Nullable String departmentCode,
            @Nullable String enterpriseUscc) {}

    public record Department(String code, String nameZh, String nameEn) implements Named {}

    /**
     * Creates a user on behalf of an administrator, with a first password the administrator
     * passes on; the user must change it at the first sign-in.
     */
    @Transactional
    public UserAccount create(Actor admin, NewUser user, String password) {
        return create(admin, user, password, true);
    }

    /** Creates a user for the system itself: the first city official, or the demo accounts. */
    @Transactional
    public UUID createAsSystem(NewUser user, String password, boolean mustChangePassword) {
        return create(Actor.system("system", geography.city().code()), user, password, mustChangePassword)
                .getId();
    }

    private UserAccount create(Actor admin, NewUser user, String password, boolean mustChangePassword) {
        Instant now = clock.instant();
        String username = user.username().trim().toLowerCase(Locale.ROOT);
        if (!AccountRules.USERNAME.matcher(username).matches()) {
            throw InvalidInputException.of("username", "accounts.error.username.format");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw InvalidInputException.of("username", "accounts.error.username.taken");
        }
        if (user.displayName().isBlank()) {
            throw InvalidInputException.of("displayName", "accounts.error.required");
        }
        if (admin.isSystem()) {
            // The system's own accounts (demo) may carry the short demo password.
            if (password.isEmpty()) {
                throw InvalidInputException.of("password", "accounts.error.password.short");
            }
        } else {
            AccountRules.checkPassword(username, password, "password");
        }
        Binding binding = bind(admin, user);
        var account = new UserAccount(
                UUID.randomUUID(),
                username,
                passwordEncoder.encode(password),
                user.displayName().trim(),
                user.role(),
                geography.city().code(),
                binding.district(),
                binding.department(),
                binding.enterprise(),
                mustChangePassword,
                now);
        accounts.saveAndFlush(account);
        audit.record(AccountRules.entry(account, "USER_CREATED").change(null, account.auditState()));
        return account;
    }

    private record Binding(
            @Nullable String district,
            @Nullable String department,
            @Nullable UUID enterprise) {}

    private Binding bind(Actor admin, NewUser user) {
        Role role = user.role();
        if (!admin.hasRole(Role.CITY_OFFICIAL) && !DISTRICT_GRANTABLE.contains(role)) {
            throw InvalidInputException.of("role", "accounts.error.role.notGrantable");
        }
        String district = null;
        String department = null;
        UUID enterprise = null;
        if (role.needsEnterprise()) {
            EnterpriseSummary found = enterprises
                    .findByUscc(AccountRules.nullToEmpty(user.enterpriseUscc())
                            .trim()
                            .toUpperCase(Locale.ROOT))
                    .orElseThrow(() -> InvalidInputException.of("enterpriseUscc", "accounts.error.enterprise.unknown"));
            enterprise = found.id();
            district = found.districtCode();
        } else if (role.needsDistrict()) {
            district = user.districtCode();
            if (district == null || geography.district(district).isEmpty()) {
                throw InvalidInputException.of("districtCode", "accounts.error.district.unknown");
            }
        } else if (role.needsDepartment()) {
            department = user.departmentCode();
            if (department == null
                    || departments().stream().noneMatch(d -> d.code().equals(user.departmentCode()))) {
                throw InvalidInputException.of("departmentCode", "accounts.error.department.unknown");
            }
        }
        if (!admin.hasRole(Role.CITY_OFFICIAL) && !Objects.equals(district, admin.districtCode())) {
            throw InvalidInputException.of(
                    role.needsEnterprise() ? "enterpriseUscc" : "districtCode", "accounts.error.district.notYours");
        }
        return new Binding(district, department, enterprise);
    }

    @Transactional
    public void disable(Scope scope, UUID id, long expectedVersion) {
        UserAccount account = editable(scope, id, expectedVersion);
        var before = account.auditState();
        account.disable(clock.instant());
        accounts.saveAndFlush(account);
        audit.record(AccountRules.entry(account, "USER_DISABLED").change(before, account.auditState()));
        // A disabled user is signed out everywhere at once, on every instance.
        sessions.findByPrincipalName(account.getUsername()).keySet().forEach(sessions::deleteById);
    }

    @Transactional
    public void enable(Scope scope, UUID id, long expectedVersion) {
        UserAccount account = editable(scope, id, expectedVersion);
        var before = account.auditState();
        account.enable(clock.instant());
        accounts.saveAndFlush(account);
        jdbc.sql("update account_user set failed_attempts = 0, locked_until = null where id = ?")
                .param(id)
                .update();
        audit.record(AccountRules.entry(account, "USER_ENABLED").change(before, account.auditState()));
    }

    /** Sets a new random password, returned once to show to the administrator; unlocks the account. */
    @Transactional
    public String resetPassword(Scope scope, UUID id, long expectedVersion) {
        UserAccount account = editable(scope, id, expectedVersion);
        var before = account.auditState();
        String temporary = temporaryPassword();
        account.resetPassword(passwordEncoder.encode(temporary), clock.instant());
        accounts.saveAndFlush(account);
        jdbc.sql("update account_user set failed_attempts = 0, locked_until = null where id = ?")
                .param(id)
                .update();
        // Every address's lock on the name goes with the new password.
        jdbc.sql("delete from account_login_failure where username = lower(?)")
                .param(account.getUsername())
                .update();
        audit.record(AccountRules.entry(account, "USER_PASSWORD_RESET").change(before, account.auditState()));
        sessions.findByPrincipalName(account.getUsername()).keySet().forEach(sessions::deleteById);
        return temporary;
    }

    /** A user's own change of password; returns the refreshed actor for the session. */
    @Transactional
    public Actor changeOwnPassword(Actor actor, String current, String next) {
        UserAccount account = accounts.findById(actor.id()).orElseThrow();
        if (!passwordEncoder.matches(current, account.getPasswordHash())) {
            throw InvalidInputException.of("currentPassword", "accounts.error.password.wrong");
        }
        AccountRules.checkPassword(account.getUsername(), next, "newPassword");
        if (passwordEncoder.matches(next, account.getPasswordHash())) {
            throw InvalidInputException.of("newPassword", "accounts.error.password.same");
        }
        account.changeOwnPassword(passwordEncoder.encode(next), clock.instant());
        accounts.saveAndFlush(account);
        audit.record(AccountRules.entry(account, "PASSWORD_CHANGED"));
        Actor refreshed = account.toActor(clock.instant());
        refreshed.eraseCredentials();
        return refreshed;
    }

    @Transactional(readOnly = true)
    public UserAccount find(Scope scope, UUID id) {
        UserAccount account = accounts.findById(id).orElseThrow(() -> new NotFoundException("user", id));
        scope.check(account.getDistrictCode(), account.getEnterpriseId() == null ? null : account.getEnterpriseId());
        return account;
    }

    /** A page of the users in scope, by username, filtered by a text and a role, after the cursor of the last page. */
    @Transactional(readOnly = true)
    public Slice<UserAccount> page(
            Scope scope, @Nullable String text, @Nullable Role role, @Nullable String cursor, int size) {
        Scope.Condition scoped = scope.where("district_code", "enterprise_id");
        Map<String, Object> params = new HashMap<>(scoped.parameters());
        StringBuilder sql = new StringBuilder("select id from account_user where ").append(scoped.sql());
        if (text != null && !text.isBlank()) {
            sql.append(" and (lower(username) like :text or lower(display_name) like :text)");
            params.put("text", SqlText.containing(text.trim().toLowerCase(Locale.ROOT)));
        }
        if (role != null) {
            sql.append(" and role = :role");
            params.put("role", role.name());
        }
        if (cursor != null && !cursor.isBlank()) {
            sql.append(" and username > :after");
            params.put("after", Slice.after(cursor, 1).text(0));
        }
        sql.append(" order by username limit :limit");
        params.put("limit", size + 1);
        List<UUID> ids =
                jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
        Map<UUID, UserAccount> byId = new HashMap<>();
        accounts.findAllById(ids).forEach(a -> byId.put(a.getId(), a));
        return Slice.of(ids.stream().map(byId::get).toList(), size, u -> List.of(u.getUsername()));
    }

    /** A user as other modules see one: who, in which role and district; never credentials. */
    public record Member(
            UUID id,
            String username,
            String displayName,
            Role role,
            @Nullable String districtCode) {

        static Member of(UserAccount account) {
            return new Member(
                    account.getId(),
                    account.getUsername(),
                    account.getDisplayName(),
                    account.getRole(),
                    account.getDistrictCode());
        }
    }

    /** The user of this name in the scope and with this role (enabled or not), if there is one. */
    @Transactional(readOnly = true)
    public Optional<Member> member(Scope scope, String username, Role role) {
        return accounts.findByUsername(username.trim().toLowerCase(Locale.ROOT))
                .filter(a -> a.getRole() == role)
                .filter(a -> scope.permits(a.getDistrictCode(), a.getEnterpriseId()))
                .map(Member::of);
    }

    /** The users in the scope with this role, by name: for a picker. */
    @Transactional(readOnly = true)
    public List<Member> members(Scope scope, Role role) {
        return page(scope, null, role, null, 500).items().stream()
                .map(Member::of)
                .toList();
    }

    /** Whether a user of this name exists (any state): for start-up work that creates accounts only once. */
    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return accounts.findByUsername(username.trim().toLowerCase(Locale.ROOT)).isPresent();
    }

    public List<Department> departments() {
        return jdbc.sql("select code, name_zh, name_en from account_department order by code")
                .query(Department.class)
                .list();
    }

    /** The roles an administrator may hand out. */
    public Set<Role> grantableRoles(Actor admin) {
        return admin.hasRole(Role.CITY_OFFICIAL) ? EnumSet.allOf(Role.class) : DISTRICT_GRANTABLE;
    }

    /** The user in scope, at the version the form saw. */
    public UserAccount editable(Scope scope, UUID id, long expectedVersion) {
        UserAccount account = find(scope, id);
        if (account.getVersion() != expectedVersion) {
            throw new StaleVersionException();
        }
        return account;
    }

    static String temporaryPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
