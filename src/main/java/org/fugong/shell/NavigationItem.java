package org.fugong.shell;

import org.fugong.access.Role;

import java.util.Set;

/**
 * A menu entry a module contributes: the roles that see it, its label and the line that the home
 * page shows under it, both as message keys.
 */
public record NavigationItem(String labelKey, String descriptionKey, String path, int order, Set<Role> roles) {

    public NavigationItem {
        roles = Set.copyOf(roles);
    }

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }
}
