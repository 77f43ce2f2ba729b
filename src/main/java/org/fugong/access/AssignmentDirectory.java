package org.fugong.access;

import java.util.Set;
import java.util.UUID;

/** Which enterprises a commissioner answers for; provided by the module that owns assignments. */
public interface AssignmentDirectory {

    Set<UUID> enterprisesOf(UUID commissionerId);
}
