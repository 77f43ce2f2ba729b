package org.fugong.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The light rules, versioned like the checklist: the latest version applies to new visits. */
@Service
public class LightRuleBook {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Clock clock;

    LightRuleBook(JdbcClient jdbc, JsonMapper json, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public LightRules current() {
        return version(jdbc.sql("select max(version) from visit_light_rules")
                .query(Integer.class)
                .single());
    }

    @Transactional(readOnly = true)
    public LightRules version(int version) {
        return jdbc.sql("select name, parameters::text as p from visit_light_rules where version = ?")
                .param(version)
                .query((rs, n) -> {
                    JsonNode p = json.readTree(rs.getString("p"));
                    return new LightRules(
                            version,
                            rs.getString("name"),
                            p.path("yellowsInARowForRed").asInt(3),
                            p.path("seriousFailureIsRed").asBoolean(true),
                            p.path("seriousDeadlineDays").asInt(0),
                            p.path("otherDeadlineDays").asInt(3),
                            p.path("redEveryDays").asInt(1),
                            p.path("yellowEveryDays").asInt(3),
                            p.path("greenEveryDays").asInt(7));
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("rules", version));
    }

    /** A city official publishes new rules; visits already lit keep the version that lit them. */
    @Transactional
    public LightRules publish(Actor actor, LightRules rules) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials change the light rules");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (rules.name() == null || rules.name().isBlank() || rules.name().length() > 200) {
            problems.put("name", "visits.error.rulesName");
        }
        check(problems, "yellowsInARowForRed", rules.yellowsInARowForRed(), 1, 10);
        check(problems, "seriousDeadlineDays", rules.seriousDeadlineDays(), 0, 30);
        check(problems, "otherDeadlineDays", rules.otherDeadlineDays(), 0, 30);
        check(problems, "redEveryDays", rules.redEveryDays(), 1, 30);
        check(problems, "yellowEveryDays", rules.yellowEveryDays(), 1, 30);
        check(problems, "greenEveryDays", rules.greenEveryDays(), 1, 60);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int version = jdbc.sql("select max(version) + 1 from visit_light_rules")
                .query(Integer.class)
                .single();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("yellowsInARowForRed", rules.yellowsInARowForRed());
        parameters.put("seriousFailureIsRed", rules.seriousFailureIsRed());
        parameters.put("seriousDeadlineDays", rules.seriousDeadlineDays());
        parameters.put("otherDeadlineDays", rules.otherDeadlineDays());
        parameters.put("redEveryDays", rules.redEveryDays());
        parameters.put("yellowEveryDays", rules.yellowEveryDays());
        parameters.put("greenEveryDays", rules.greenEveryDays());
        jdbc.sql("""
                        insert into visit_light_rules (version, name, parameters, created_at, created_by)
                        values (?, ?, cast(? as jsonb), ?, ?)""")
                .params(
                        version,
                        rules.name().trim(),
                        json.writeValueAsString(parameters),
                        Timestamp.from(clock.instant()),
                        actor.displayName())
                .update();
        audit.record(AuditEntry.of("visits", "LightRules", version, "LIGHT_RULES_PUBLISHED")
                .change(null, parameters));
        return version(version);
    }

    private static void check(Map<String, String> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.put(field, "visits.error.ruleNumber");
        }
    }
}
