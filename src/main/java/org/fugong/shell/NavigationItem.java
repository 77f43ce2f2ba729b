package org.fugong.shell;

import java.util.Set;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.jspecify.annotations.Nullable;

/**
 * A menu entry a module contributes: the roles that see it, its label and the line that the home
 * page shows under it, both as message keys.
 */
public record NavigationItem(
        String labelKey,
        String descriptionKey,
        String path,
        int order,
        Set<Role> roles,
        @Nullable String department) {

    public NavigationItem {
        roles = Set.copyOf(roles);
    }

    public NavigationItem(String labelKey, String descriptionKey, String path, int order, Set<Role> roles) {
        this(labelKey, descriptionKey, path, order, roles, null);
    }

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether an actor sees the entry: by role, and for a department officer, when the entry names
     * a department, only in that department.
     */
    public boolean visibleTo(Actor actor) {
        return visibleTo(actor.role())
                && (department == null
                        || actor.role() != Role.DEPARTMENT_OFFICER
                        || department.equals(actor.departmentCode()));
    }
}
