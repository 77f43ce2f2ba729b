package org.fugong.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.shell.Slice;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the trail newest first, filtered and scoped, a page at a time (keyset on time and id). */
@Component
public class AuditQuery {

    private final JdbcClient jdbc;

    AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(
            @Nullable String module,
            @Nullable String action,
            @Nullable String actor,
            @Nullable String entityId,
            @Nullable Instant from,
            @Nullable Instant to) {}

    public record Row(
            long id,
            Instant occurredAt,
            String actor,
            @Nullable String actorRole,
            String module,
            String entityType,
            @Nullable String entityId,
            String action,
            @Nullable String before,
            @Nullable String after,
            @Nullable String districtCode,
            @Nullable String remoteAddress) {}

    /** A page of entries, newest first, after the cursor of the last page. */
    @Transactional(readOnly = true)
    public Slice<Row> page(Scope scope, Filter filter, @Nullable String cursor, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        Scope.Condition scoped = scope.where("district_code", "enterprise_id");
        conditions.add(scoped.sql());
        params.putAll(scoped.parameters());
        if (hasText(filter.module())) {
            conditions.add("module = :module");
            params.put("module", filter.module());
        }
        if (hasText(filter.action())) {
            conditions.add("action = :action");
            params.put("action", filter.action());
        }
        if (hasText(filter.actor())) {
            conditions.add("lower(actor) = lower(:actor)");
            params.put("actor", filter.actor().trim());
        }
        if (hasText(filter.entityId())) {
            conditions.add("entity_id = :entity");
            params.put("entity", filter.entityId().trim());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (cursor != null && !cursor.isBlank()) {
            // Ids grow with time, so "older than this id" is the keyset for newest-first paging.
            conditions.add("id < :before");
            params.put("before", Slice.after(cursor, 1).number(0));
        }
        params.put("limit", size + 1);
        List<Row> rows = jdbc.sql("""
                        select id, occurred_at, actor, actor_role, module, entity_type, entity_id, action,
                               before_state::text as before, after_state::text as after, district_code, remote_address
                        from audit_event where %s
                        order by id desc limit :limit""".formatted(String.join(" and ", conditions)))
                .params(params)
                .query(Row.class)
                .list();
        return Slice.of(rows, size, row -> List.of(row.id()));
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
