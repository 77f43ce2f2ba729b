package org.fugong.access;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as the rest of the application sees it: who, in which role, bound to which
 * district, department or enterprise. It is the security principal and lives in the shared session.
 */
public final class Actor implements UserDetails, CredentialsContainer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String username;
    private final String displayName;
    private final Role role;
    private final String cityCode;
    private final @Nullable String districtCode;
    private final @Nullable String departmentCode;
    private final @Nullable UUID enterpriseId;
    private final boolean enabled;
    private final boolean locked;
    private final boolean mustChangePassword;
    private @Nullable String passwordHash;

    public Actor(
            UUID id,
            String username,
            String displayName,
            Role role,
            String cityCode,
            @Nullable String districtCode,
            @Nullable String departmentCode,
            @Nullable UUID enterpriseId,
            boolean enabled,
            boolean locked,
            boolean mustChangePassword,
            @Nullable String passwordHash) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.cityCode = cityCode;
        this.districtCode = districtCode;
        this.departmentCode = departmentCode;
        this.enterpriseId = enterpriseId;
        this.enabled = enabled;
        this.locked = locked;
        this.mustChangePassword = mustChangePassword;
        this.passwordHash = passwordHash;
    }

    private static final UUID SYSTEM_ID = new UUID(0, 0);

    /**
     * The application acting on its own behalf (start-up work, demo data) with a city official's
     * reach; it has no account, so it can never sign in.
     */
    public static Actor system(String name, String cityCode) {
        return new Actor(
                SYSTEM_ID, name, name, Role.CITY_OFFICIAL, cityCode, null, null, null, true, false, false, null);
    }

    public boolean isSystem() {
        return SYSTEM_ID.equals(id);
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public boolean hasRole(Role candidate) {
        return role == candidate;
    }

    public String cityCode() {
        return cityCode;
    }

    public @Nullable String districtCode() {
        return districtCode;
    }

    public @Nullable String departmentCode() {
        return departmentCode;
    }

    public @Nullable UUID enterpriseId() {
        return enterpriseId;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Actor actor && actor.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return username + " (" + role + ")";
    }
}
