package org.fugong.riskmap.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.riskmap.MapUnit;
import org.fugong.riskmap.RiskColour;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Colours set by hand: what is active now, and the store of overrides. */
@Component
public class Overrides {

    /** An override as the map and its history show it. */
    public record Override(
            UUID id,
            String unitCode,
            String districtCode,
            RiskColour colour,
            String reason,
            Instant startsAt,
            Instant expiresAt,
            String createdBy,
            @Nullable Instant endedAt,
            @Nullable String endedBy) {

        public boolean activeAt(Instant instant) {
            return !startsAt.isAfter(instant)
                    && expiresAt.isAfter(instant)
                    && (endedAt == null || endedAt.isAfter(instant));
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Overrides(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String COLUMNS = """
            id, unit_code, district_code, colour, reason, starts_at, expires_at, created_by, ended_at, ended_by""";

    private static Override map(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Override(
                rs.getObject("id", UUID.class),
                rs.getString("unit_code"),
                rs.getString("district_code"),
                RiskColour.valueOf(rs.getString("colour")),
                rs.getString("reason"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getString("created_by"),
                ended == null ? null : ended.toInstant(),
                rs.getString("ended_by"));
    }

    /** The colour of every unit that an override holds at the instant. */
    Map<String, RiskColour> activeColours(Instant at) {
        Map<String, RiskColour> colours = new HashMap<>();
        active(at).forEach(o -> colours.put(o.unitCode(), o.colour()));
        return colours;
    }

    /** Overrides in force at the instant (the newest wins where two cover one unit). */
    public List<Override> active(Instant at) {
        return jdbc.sql("select distinct on (unit_code) " + COLUMNS + """
                         from risk_override
                        where starts_at <= :at and expires_at > :at and (ended_at is null or ended_at > :at)
                        order by unit_code, starts_at desc""")
                .param("at", Timestamp.from(at))
                .query((rs, n) -> map(rs))
                .list();
    }

    public List<Override> recent(int limit) {
        return jdbc.sql("select " + COLUMNS + " from risk_override order by starts_at desc limit ?")
                .param(limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    @Transactional
    public Override create(MapUnit unit, RiskColour colour, String reason, Instant expiresAt, String author) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw InvalidInputException.of("expiresAt", "riskmap.override.error.expiry");
        }
        if (reason.isBlank()) {
            throw InvalidInputException.of("reason", "riskmap.error.required");
        }
        var override = new Override(
                UUID.randomUUID(),
                unit.code(),
                unit.districtCode(),
                colour,
                reason.trim(),
                now,
                expiresAt,
                author,
                null,
                null);
        jdbc.sql("""
                        insert into risk_override (id, unit_code, district_code, colour, reason, starts_at, expires_at, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        override.id(),
                        unit.code(),
                        unit.districtCode(),
                        colour.name(),
                        override.reason(),
                        Timestamp.from(now),
                        Timestamp.from(expiresAt),
                        author)
                .update();
        audit.record(AuditEntry.of("riskmap", "Override", override.id(), "OVERRIDE_SET")
                .change(null, state(override))
                .owner(unit.districtCode(), null));
        return override;
    }

    /**
     * Ends the overrides whose expiry has passed. One UPDATE claims them, so with several
     * instances each override is ended (and announced) by exactly one.
     */
    @Transactional
    public List<Override> endExpired() {
        Instant now = clock.instant();
        List<Override> ended = jdbc.sql("""
                        update risk_override set ended_at = expires_at, ended_by = 'expiry', version = version + 1
                        where ended_at is null and expires_at <= ?""" + " returning " + COLUMNS)
                .param(Timestamp.from(now))
                .query((rs, n) -> map(rs))
                .list();
        ended.forEach(o -> audit.record(AuditEntry.of("riskmap", "Override", o.id(), "OVERRIDE_EXPIRED")
                .change(
                        Map.of("colour", o.colour().name()),
                        Map.of("endedAt", o.expiresAt().toString()))
                .owner(o.districtCode(), null)));
        return ended;
    }

    /** An official ends an override before its expiry. */
    @Transactional
    public Override end(UUID id, String author) {
        Instant now = clock.instant();
        List<Override> ended = jdbc.sql("""
                        update risk_override set ended_at = ?, ended_by = ?, version = version + 1
                        where id = ? and ended_at is null and expires_at > ?""" + " returning " + COLUMNS)
                .params(Timestamp.from(now), author, id, Timestamp.from(now))
                .query((rs, n) -> map(rs))
                .list();
        if (ended.isEmpty()) {
            throw InvalidInputException.of("id", "riskmap.override.error.notActive");
        }
        Override o = ended.get(0);
        audit.record(AuditEntry.of("riskmap", "Override", id, "OVERRIDE_ENDED")
                .change(state(o), Map.of("endedAt", now.toString()))
                .owner(o.districtCode(), null));
        return o;
    }

    private static Map<String, Object> state(Override o) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("unitCode", o.unitCode());
        state.put("colour", o.colour().name());
        state.put("reason", o.reason());
        state.put("startsAt", o.startsAt().toString());
        state.put("expiresAt", o.expiresAt().toString());
        return state;
    }
}
