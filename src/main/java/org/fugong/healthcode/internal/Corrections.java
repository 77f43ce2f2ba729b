package org.fugong.healthcode.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections (纠错): a citizen who thinks his colour is wrong asks, with a reason; a health-bureau
 * officer accepts (what was known up to that day no longer counts, the colour is computed again)
 * or refuses, with a note. Audited.
 */
@Service
public class Corrections {

    public record Correction(
            long id,
            UUID personId,
            String maskedName,
            String reason,
            String status,
            Instant requestedAt,
            @Nullable String decisionNote) {}

    private final JdbcClient jdbc;
    private final CodeStatus status;
    private final AuditTrail audit;
    private final Clock clock;

    Corrections(JdbcClient jdbc, CodeStatus status, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.status = status;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void request(UUID personId, @Nullable String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException(Map.of("reason", "healthcode.error.reason"));
        }
        if (jdbc.sql("select count(*) from health_correction where person_id = ? and status = 'PENDING'")
                        .param(personId)
                        .query(Long.class)
                        .single()
                > 0) {
            throw new InvalidInputException(Map.of("reason", "healthcode.error.correctionPending"));
        }
        jdbc.sql("insert into health_correction (person_id, reason, status, requested_at) values (?, ?, 'PENDING', ?)")
                .params(personId, reason.trim(), Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional(readOnly = true)
    public List<Correction> pending() {
        return jdbc.sql("""
                        select c.id, c.person_id, p.masked_name, c.reason, c.status, c.requested_at, c.decision_note
                        from health_correction c join health_person p on p.id = c.person_id
                        where c.status = 'PENDING' order by c.requested_at limit 200""").query(Correction.class).list();
    }

    @Transactional(readOnly = true)
    public List<Correction> of(UUID personId) {
        return jdbc.sql("""
                        select c.id, c.person_id, p.masked_name, c.reason, c.status, c.requested_at, c.decision_note
                        from health_correction c join health_person p on p.id = c.person_id
                        where c.person_id = ? order by c.requested_at desc""").param(personId).query(Correction.class).list();
    }

    @Transactional
    public CodeStatus.Status decide(Actor actor, long id, boolean accept, @Nullable String note) {
        HealthBureau.require(actor);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException(Map.of("note", "healthcode.error.note"));
        }
        UUID person = jdbc.sql("""
                        update health_correction set status = ?, decided_by = ?, decision_note = ?, decided_at = ?
                        where id = ? and status = 'PENDING' returning person_id""")
                .params(
                        accept ? "ACCEPTED" : "REFUSED",
                        actor.displayName(),
                        note.trim(),
                        Timestamp.from(clock.instant()),
                        id)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new InvalidInputException(Map.of("id", "healthcode.error.decided")));
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of(
                                "healthcode",
                                "Correction",
                                id,
                                accept ? "HEALTH_CORRECTION_ACCEPTED" : "HEALTH_CORRECTION_REFUSED")
                        .change(null, Map.of("note", note.trim())));
        return status.recompute(person);
    }
}
