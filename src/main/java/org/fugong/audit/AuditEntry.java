package org.fugong.audit;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One state change to record. {@code districtCode} and {@code enterpriseId} say whose record it
 * is, so that the trail is scoped like the records themselves.
 */
public record AuditEntry(
        String module,
        String entityType,
        @Nullable String entityId,
        String action,
        @Nullable Map<String, ?> before,
        @Nullable Map<String, ?> after,
        @Nullable String districtCode,
        @Nullable UUID enterpriseId) {

    public static AuditEntry of(String module, String entityType, @Nullable Object entityId, String action) {
        return new AuditEntry(
                module, entityType, entityId == null ? null : entityId.toString(), action, null, null, null, null);
    }

    public AuditEntry change(@Nullable Map<String, ?> before, @Nullable Map<String, ?> after) {
        return new AuditEntry(module, entityType, entityId, action, before, after, districtCode, enterpriseId);
    }

    public AuditEntry owner(@Nullable String district, @Nullable UUID enterprise) {
        return new AuditEntry(module, entityType, entityId, action, before, after, district, enterprise);
    }
}
