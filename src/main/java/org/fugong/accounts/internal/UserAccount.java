package org.fugong.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.shell.RefusedChangeException;
import org.jspecify.annotations.Nullable;

/** A user of the application, bound to the unit its role answers for (a row of account_user, kept by {@link UserAccounts}). */
public class UserAccount {

    private UUID id;

    private String username;
    private String passwordHash;
    private String displayName;

    private Role role;

    private String cityCode;
    private @Nullable String districtCode;
    private @Nullable String departmentCode;
    private @Nullable UUID enterpriseId;
    private boolean enabled;
    private boolean mustChangePassword;

    /** Kept by the sign-in's throttling, never written from here. */
    private int failedAttempts;

    private @Nullable Instant lockedUntil;

    private Instant createdAt;
    private Instant updatedAt;

    /** Optimistic locking: a save of a stale copy is refused. */
    private long version;

    private String verification = "VERIFIED";
    private @Nullable String contactPhone;
    private @Nullable String verificationNote;
    private @Nullable String verifiedBy;
    private @Nullable Instant verifiedAt;

    /** Whether the row exists (read, or saved once): a save updates it instead of inserting. */
    private boolean stored;

    private UserAccount() {}

    static UserAccount read(ResultSet rs) throws SQLException {
        UserAccount account = new UserAccount();
        account.id = rs.getObject("id", UUID.class);
        account.username = rs.getString("username");
        account.passwordHash = rs.getString("password_hash");
        account.displayName = rs.getString("display_name");
        account.role = Role.valueOf(rs.getString("role"));
        account.cityCode = rs.getString("city_code");
        account.districtCode = rs.getString("district_code");
        account.departmentCode = rs.getString("department_code");
        account.enterpriseId = rs.getObject("enterprise_id", UUID.class);
        account.enabled = rs.getBoolean("enabled");
        account.mustChangePassword = rs.getBoolean("must_change_password");
        account.failedAttempts = rs.getInt("failed_attempts");
        account.lockedUntil = instant(rs.getTimestamp("locked_until"));
        account.createdAt = rs.getTimestamp("created_at").toInstant();
        account.updatedAt = rs.getTimestamp("updated_at").toInstant();
        account.version = rs.getLong("version");
        account.verification = rs.getString("verification");
        account.contactPhone = rs.getString("contact_phone");
        account.verificationNote = rs.getString("verification_note");
        account.verifiedBy = rs.getString("verified_by");
        account.verifiedAt = instant(rs.getTimestamp("verified_at"));
        account.stored = true;
        return account;
    }

    private static @Nullable Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    /** The columns a save writes, by name (never the throttling's own two). */
    Map<String, @Nullable Object> columns() {
        Map<String, @Nullable Object> columns = new LinkedHashMap<>();
        columns.put("id", id);
        columns.put("username", username);
        columns.put("password_hash", passwordHash);
        columns.put("display_name", displayName);
        columns.put("role", role.name());
        columns.put("city_code", cityCode);
        columns.put("district_code", districtCode);
        columns.put("department_code", departmentCode);
        columns.put("enterprise_id", enterpriseId);
        columns.put("enabled", enabled);
        columns.put("must_change_password", mustChangePassword);
        columns.put("created_at", Timestamp.from(createdAt));
        columns.put("updated_at", Timestamp.from(updatedAt));
        columns.put("verification", verification);
        columns.put("contact_phone", contactPhone);
        columns.put("verification_note", verificationNote);
        columns.put("verified_by", verifiedBy);
        columns.put("verified_at", verifiedAt == null ? null : Timestamp.from(verifiedAt));
        return columns;
    }

    boolean isStored() {
        return stored;
    }

    void saved(long newVersion) {
        stored = true;
        version = newVersion;
    }

    public UserAccount(
            UUID id,
            String username,
            String passwordHash,
            String displayName,
            Role role,
            String cityCode,
            @Nullable String districtCode,
            @Nullable String departmentCode,
            @Nullable UUID enterpriseId,
            boolean mustChangePassword,
            Instant now) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.cityCode = cityCode;
        this.districtCode = districtCode;
        this.departmentCode = departmentCode;
        this.enterpriseId = enterpriseId;
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An enterprise's own sign-up: disabled until its district verifies it. */
    public static UserAccount signUp(
            UUID id,
            String username,
            String passwordHash,
            String displayName,
            String cityCode,
            String districtCode,
            UUID enterpriseId,
            String contactPhone,
            Instant now) {
        UserAccount account = new UserAccount(
                id,
                username,
                passwordHash,
                displayName,
                Role.ENTERPRISE,
                cityCode,
                districtCode,
                null,
                enterpriseId,
                false,
                now);
        account.enabled = false;
        account.verification = "PENDING";
        account.contactPhone = contactPhone;
        return account;
    }

    public void verify(String by, Instant now) {
        if (!isPending()) {
            throw new RefusedChangeException("accounts.error.notPending");
        }
        verification = "VERIFIED";
        enabled = true;
        verifiedBy = by;
        verifiedAt = now;
        updatedAt = now;
    }

    public void refuse(String by, String reason, Instant now) {
        if (!isPending()) {
            throw new RefusedChangeException("accounts.error.notPending");
        }
        verification = "REFUSED";
        verificationNote = reason;
        verifiedBy = by;
        verifiedAt = now;
        updatedAt = now;
    }

    public boolean isPending() {
        return "PENDING".equals(verification);
    }

    public String getVerification() {
        return verification;
    }

    public @Nullable String getContactPhone() {
        return contactPhone;
    }

    public @Nullable String getVerificationNote() {
        return verificationNote;
    }

    public @Nullable String getVerifiedBy() {
        return verifiedBy;
    }

    public @Nullable Instant getVerifiedAt() {
        return verifiedAt;
    }

    public void disable(Instant now) {
        if (!enabled) {
            throw new RefusedChangeException("accounts.error.alreadyDisabled");
        }
        enabled = false;
        updatedAt = now;
    }

    public void enable(Instant now) {
        if (!"VERIFIED".equals(verification)) {
            throw new RefusedChangeException("accounts.error.notVerified");
        }
        if (enabled) {
            throw new RefusedChangeException("accounts.error.alreadyEnabled");
        }
        enabled = true;
        updatedAt = now;
    }

    /** An administrator's reset: the user must choose a new password at the next sign-in. */
    public void resetPassword(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = true;
        updatedAt = now;
    }

    public void changeOwnPassword(String newHash, Instant now) {
        passwordHash = newHash;
        mustChangePassword = false;
        updatedAt = now;
    }

    public Actor toActor(Instant now) {
        boolean locked = lockedUntil != null && lockedUntil.isAfter(now);
        return new Actor(
                id,
                username,
                displayName,
                role,
                cityCode,
                districtCode,
                departmentCode,
                enterpriseId,
                enabled,
                locked,
                mustChangePassword,
                passwordHash);
    }

    /** What the audit trail keeps of a user: never the password hash. */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", username);
        state.put("displayName", displayName);
        state.put("role", role.name());
        state.put("districtCode", districtCode);
        state.put("departmentCode", departmentCode);
        state.put("enterpriseId", enterpriseId);
        state.put("enabled", enabled);
        state.put("mustChangePassword", mustChangePassword);
        state.put("verification", verification);
        state.put("contactPhone", contactPhone);
        state.put("verificationNote", verificationNote);
        return state;
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }

    public @Nullable String getDistrictCode() {
        return districtCode;
    }

    public @Nullable String getDepartmentCode() {
        return departmentCode;
    }

    public @Nullable UUID getEnterpriseId() {
        return enterpriseId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public @Nullable Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    public String getPasswordHash() {
        return passwordHash;
    }
}
