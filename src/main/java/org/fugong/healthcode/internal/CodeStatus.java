package org.fugong.healthcode.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.CodeRules;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's colour, computed by the rules in force from everything known about the person —
 * declarations, daily check-ins, the health bureau's lists, the risk of the places declared
 * (the risk map's colours for the city's districts, the bureau's list for places outside) — and
 * stored with its reasons and rule version whenever it changes.
 */
@Service
public class CodeStatus {

    public record Status(CodeColour colour, List<CodeRules.Reason> reasons, int ruleVersion) {}

    private final JdbcClient jdbc;
    private final RiskMap riskMap;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;

    CodeStatus(JdbcClient jdbc, RiskMap riskMap, JsonMapper json, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.riskMap = riskMap;
        this.json = json;
        this.times = times;
        this.clock = clock;
    }

    /** The rules in force today. */
    @Transactional(readOnly = true)
    public CodeRules.RuleSet rules() {
        return jdbc.sql(
                        "select version, body from health_rule_set where effective_from <= ? order by version desc limit 1")
                .param(Date.valueOf(times.today()))
                .query((rs, n) -> {
                    JsonNode body = json.readTree(rs.getString("body"));
                    return new CodeRules.RuleSet(
                            rs.getInt("version"),
                            body.get("redDays").asInt(),
                            body.get("yellowDays").asInt(),
                            body.get("feverAt").asDouble(),
                            body.get("lookBackDays").asInt());
                })
                .single();
    }

    /** Computes the person's colour now and stores it (with its history) if it changed. */
    @Transactional
    public Status recompute(UUID personId) {
        CodeRules.RuleSet rules = rules();
        LocalDate today = times.today();
        List<CodeRules.Declaration> declarations = jdbc.sql("""
                        select declared_on, places, contact, symptoms, temperature from health_declaration
                        where person_id = ? order by declared_on""")
                .param(personId)
                .query((rs, n) -> new CodeRules.Declaration(
                        rs.getObject(1, LocalDate.class),
                        levels(rs.getString(2), rs.getObject(1, LocalDate.class), today, rules),
                        rs.getBoolean(3),
                        CodeRules.Symptoms.valueOf(rs.getString(4)),
                        rs.getObject(5) == null ? null : rs.getDouble(5)))
                .list();
        List<CodeRules.CheckIn> checkIns = jdbc.sql(
                        "select day, temperature, symptoms from health_checkin where person_id = ?")
                .param(personId)
                .query((rs, n) -> new CodeRules.CheckIn(
                        rs.getObject(1, LocalDate.class), rs.getDouble(2), CodeRules.Symptoms.valueOf(rs.getString(3))))
                .list();
        // By the person's ID-number hash: the lists are partitioned by it, not by person.
        byte[] idHash = jdbc.sql("select id_hash from health_person where id = ?")
                .param(personId)
                .query(byte[].class)
                .single();
        List<CodeRules.ListEntry> lists = jdbc.sql("select kind, listed_on from health_list_entry where id_hash = ?")
                .param(idHash)
                .query((rs, n) -> new CodeRules.ListEntry(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list();
        LocalDate cleared = jdbc.sql(
                        "select max(decided_at) from health_correction where person_id = ? and status = 'ACCEPTED'")
                .param(personId)
                .query(Timestamp.class)
                .optional()
                .map(at -> LocalDate.ofInstant(at.toInstant(), times.zone()))
                .orElse(null);
        CodeRules.Result result = CodeRules.evaluate(rules, declarations, checkIns, lists, today, cleared);
        String reasons = json.writeValueAsString(result.reasons());
        String before = jdbc.sql("select colour from health_status where person_id = ? for update")
                .param(personId)
                .query(String.class)
                .optional()
                .orElse(null);
        Timestamp now = Timestamp.from(clock.instant());
        if (before == null) {
            jdbc.sql(
                            "insert into health_status (person_id, colour, since, rule_version, reasons) values (?, ?, ?, ?, cast(? as jsonb))")
                    .params(personId, result.colour().name(), now, rules.version(), reasons)
                    .update();
        } else {
            // Written only when something changed: the citizen's page computes the colour at every view.
            jdbc.sql("""
                            update health_status set colour = ?, reasons = cast(? as jsonb), rule_version = ?,
                                since = case when colour = ? then since else ? end, version = version + 1
                            where person_id = ? and (colour <> ? or reasons <> cast(? as jsonb)
                                                      or rule_version is distinct from ?)""")
                    .params(
                            result.colour().name(),
                            reasons,
                            rules.version(),
                            result.colour().name(),
                            now,
                            personId,
                            result.colour().name(),
                            reasons,
                            rules.version())
                    .update();
        }
        if (!result.colour().name().equals(before)) {
            jdbc.sql("""
                            insert into health_status_change (person_id, at, from_colour, to_colour, rule_version, reasons)
                            values (?, ?, ?, ?, ?, cast(? as jsonb))""")
                    .params(personId, now, before, result.colour().name(), rules.version(), reasons)
                    .update();
        }
        return new Status(result.colour(), result.reasons(), rules.version());
    }

    /** The people whose declarations name a place in the look-back window: their colour may follow the place's. */
    @Transactional(readOnly = true)
    public List<UUID> declaredAt(String placeCode) {
        CodeRules.RuleSet rules = rules();
        return jdbc.sql(
                        "select distinct person_id from health_declaration where declared_on >= ? and jsonb_exists(places, ?)")
                .params(Date.valueOf(times.today().minusDays(rules.lookBackDays())), placeCode)
                .query(UUID.class)
                .list();
    }

    /** One change of a person's colour: when, from what (none for the first), to what, under which rules. */
    public record Change(Instant at, @Nullable CodeColour from, CodeColour to, int ruleVersion) {}

    /** The colour history of a person, newest first. */
    @Transactional(readOnly = true)
    public List<Change> history(UUID personId) {
        return jdbc.sql("""
                        select at, from_colour, to_colour, rule_version from health_status_change
                        where person_id = ? order by id desc""")
                .param(personId)
                .query((rs, n) -> new Change(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("from_colour") == null ? null : CodeColour.valueOf(rs.getString("from_colour")),
                        CodeColour.valueOf(rs.getString("to_colour")),
                        rs.getInt("rule_version")))
                .list();
    }

    private List<CodeRules.Level> levels(
            String placesJson, LocalDate declaredOn, LocalDate today, CodeRules.RuleSet rules) {
        List<CodeRules.Level> levels = new ArrayList<>();
        if (declaredOn.isBefore(today.minusDays(rules.lookBackDays()))) {
            return levels;
        }
        Set<String> places = new HashSet<>();
        json.readTree(placesJson).forEach(node -> places.add(node.asString()));
        for (String place : places) {
            levels.add(level(place));
        }
        return levels;
    }

    /** A district of the city by the risk map's colour; another place by the health bureau's list. */
    CodeRules.Level level(String place) {
        if (place.startsWith("OUT:")) {
            return jdbc.sql("select level from health_area where code = ?")
                    .param(place.substring(4))
                    .query(String.class)
                    .optional()
                    .map(CodeRules.Level::valueOf)
                    .orElse(CodeRules.Level.LOW);
        }
        RiskColour colour = riskMap.currentColour(place);
        return switch (colour) {
            case RED, ORANGE -> CodeRules.Level.HIGH;
            case YELLOW -> CodeRules.Level.MEDIUM;
            default -> CodeRules.Level.LOW;
        };
    }
}
