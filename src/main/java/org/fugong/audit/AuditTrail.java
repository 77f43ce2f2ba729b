package org.fugong.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Appends entries to the audit trail; the database refuses to change or delete them. */
@Service
public class AuditTrail {

    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, CurrentActor currentActor, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.json = json;
        this.clock = clock;
    }

    /** Records a change made by the signed-in user (or the system), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        Optional<Actor> actor = currentActor.find();
        append(
                entry,
                actor.map(Actor::getUsername).orElse(SYSTEM),
                actor.map(a -> a.role().name()).orElse(null));
    }

    /** Records an event with a named actor, such as a login attempt before anyone is signed in. */
    @Transactional
    public void recordAs(String actorName, @Nullable String actorRole, AuditEntry entry) {
        append(entry, actorName, actorRole);
    }

    private void append(AuditEntry entry, String actorName, @Nullable String actorRole) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, actor, actor_role, module, entity_type, entity_id, action,
                                                 before_state, after_state, district_code, enterprise_id, remote_address)
                        values (:at, :actor, :role, :module, :type, :id, :action,
                                cast(:before as jsonb), cast(:after as jsonb), :district, :enterprise, :address)
                        """)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", truncate(actorName, 100))
                .param("role", actorRole)
                .param("module", entry.module())
                .param("type", entry.entityType())
                .param("id", entry.entityId())
                .param("action", entry.action())
                .param("before", toJson(entry.before()))
                .param("after", toJson(entry.after()))
                .param("district", entry.districtCode())
                .param("enterprise", entry.enterpriseId())
                .param("address", remoteAddress())
                .update();
    }

    private @Nullable String toJson(@Nullable Map<String, ?> state) {
        return state == null ? null : json.writeValueAsString(state);
    }

    private static @Nullable String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
