package org.fugong.healthcode.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versions of the colour rules. A new version takes effect from a day to come, never backdated;
 * every colour records the version it was computed under.
 */
@Service
public class HealthRules {

    public record Version(int version, LocalDate effectiveFrom, String body, String createdBy) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;

    HealthRules(JdbcClient jdbc, AuditTrail audit, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Version> versions() {
        return jdbc.sql(
                        "select version, effective_from, body::text, created_by from health_rule_set order by version desc")
                .query((rs, n) ->
                        new Version(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)))
                .list();
    }

    @Transactional
    public int add(
            Actor actor, LocalDate effectiveFrom, int redDays, int yellowDays, double feverAt, int lookBackDays) {
        HealthBureau.require(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        if (!effectiveFrom.isAfter(times.today())) {
            problems.put("effectiveFrom", "healthcode.error.backdated");
        }
        if (redDays < 1 || redDays > 60 || yellowDays < 1 || yellowDays > redDays) {
            problems.put("redDays", "healthcode.error.days");
        }
        if (feverAt < 36.5 || feverAt > 39) {
            problems.put("feverAt", "healthcode.error.fever");
        }
        if (lookBackDays < 1 || lookBackDays > 60) {
            problems.put("lookBackDays", "healthcode.error.lookBack");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("lock table health_rule_set in exclusive mode").update();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from health_rule_set")
                .query(Integer.class)
                .single();
        String body = "{\"redDays\": " + redDays + ", \"yellowDays\": " + yellowDays + ", \"feverAt\": " + feverAt
                + ", \"lookBackDays\": " + lookBackDays + "}";
        jdbc.sql(
                        "insert into health_rule_set (version, effective_from, body, created_by, created_at) values (?, ?, cast(? as jsonb), ?, ?)")
                .params(
                        version,
                        Date.valueOf(effectiveFrom),
                        body,
                        actor.displayName(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("healthcode", "RuleSet", version, "HEALTH_RULES_ADDED")
                        .change(null, Map.of("effectiveFrom", effectiveFrom.toString(), "body", body)));
        return version;
    }
}
