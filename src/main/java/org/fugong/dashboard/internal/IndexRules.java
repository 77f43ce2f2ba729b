package org.fugong.dashboard.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index rules as versioned data, like the colour rules: which preset is shown, the Fugong
 * preset's weights, the electricity threshold, the daily brief's time. A day uses the latest version
 * effective on it; a snapshot keeps the version it was made with.
 */
@Service
public class IndexRules {

    public enum Preset {
        STATE_GRID,
        FUGONG
    }

    /** The parts the Fugong preset may weigh. */
    public static final List<String> WEIGHED =
            List.of("RESUMED", "PRODUCTION", "STAFF", "ARRIVALS", "PROBLEMS", "GREEN");

    public record Rules(
            int version,
            LocalDate effectiveFrom,
            Preset shown,
            Map<String, Double> weights,
            double threshold,
            LocalTime briefAt,
            String createdBy) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Clock clock;

    IndexRules(JdbcClient jdbc, JsonMapper json, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String COLUMNS =
            "version, effective_from, shown_preset, weights::text, threshold, brief_at, created_by";

    /** The rules effective on a day (the first version for days before every version). */
    @Transactional(readOnly = true)
    public Rules on(LocalDate day) {
        return jdbc.sql("select " + COLUMNS + " from dashboard_index_rules where effective_from <= ?"
                        + " order by version desc limit 1")
                .param(Date.valueOf(day))
                .query((rs, n) -> map(rs))
                .optional()
                .orElseGet(() -> version(1));
    }

    @Transactional(readOnly = true)
    public Rules version(int version) {
        return jdbc.sql("select " + COLUMNS + " from dashboard_index_rules where version = ?")
                .param(version)
                .query((rs, n) -> map(rs))
                .single();
    }

    @Transactional(readOnly = true)
    public List<Rules> all() {
        return jdbc.sql("select " + COLUMNS + " from dashboard_index_rules order by version desc")
                .query((rs, n) -> map(rs))
                .list();
    }

    /** A new version from a form; refused at its fields with nothing saved. */
    @Transactional
    public Rules add(
            String author,
            LocalDate effectiveFrom,
            String shown,
            Map<String, String> weights,
            String threshold,
            String briefAt) {
        Map<String, String> problems = new LinkedHashMap<>();
        Preset preset = null;
        try {
            preset = Preset.valueOf(shown);
        } catch (IllegalArgumentException e) {
            problems.put("shown", "index.rules.error.preset");
        }
        Map<String, Double> w = new LinkedHashMap<>();
        double sum = 0;
        for (String part : WEIGHED) {
            try {
                double v = Double.parseDouble(weights.getOrDefault(part, "0").trim());
                if (v < 0 || v > 1) {
                    problems.put("weight" + part, "index.rules.error.weight");
                }
                w.put(part, v);
                sum += v;
            } catch (NumberFormatException e) {
                problems.put("weight" + part, "index.rules.error.weight");
            }
        }
        if (problems.isEmpty() && Math.abs(sum - 1) > 0.001) {
            problems.put("weightRESUMED", "index.rules.error.sum");
        }
        double t = 0;
        try {
            t = Double.parseDouble(threshold.trim());
            if (t <= 0 || t > 1) {
                problems.put("threshold", "index.rules.error.threshold");
            }
        } catch (NumberFormatException e) {
            problems.put("threshold", "index.rules.error.threshold");
        }
        LocalTime at = null;
        try {
            at = LocalTime.parse(briefAt.trim());
        } catch (RuntimeException e) {
            problems.put("briefAt", "index.rules.error.time");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from dashboard_index_rules")
                .query(Integer.class)
                .single();
        jdbc.sql("insert into dashboard_index_rules values (?, ?, ?, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        version,
                        Date.valueOf(effectiveFrom),
                        preset.name(),
                        json.writeValueAsString(w),
                        BigDecimal.valueOf(t),
                        Time.valueOf(at),
                        Timestamp.from(clock.instant()),
                        author)
                .update();
        audit.record(AuditEntry.of("dashboard", "IndexRules", version, "INDEX_RULES_ADDED")
                .change(null, Map.of("shown", preset.name(), "weights", w, "threshold", t, "briefAt", at.toString())));
        return version(version);
    }

    private Rules map(ResultSet rs) throws SQLException {
        return new Rules(
                rs.getInt(1),
                rs.getObject(2, LocalDate.class),
                Preset.valueOf(rs.getString(3)),
                json.readValue(rs.getString(4), new TypeReference<Map<String, Double>>() {}),
                rs.getDouble(5),
                rs.getObject(6, LocalTime.class),
                rs.getString(7));
    }
}
