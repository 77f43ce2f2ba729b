package org.fugong.healthcode.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.CodeRules;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;
    private final RiskMap riskMap;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;

    CodeStatus(JdbcClient jdbc, JdbcTemplate batch, RiskMap riskMap, JsonMapper json, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
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
        return recomputeAll(List.of(personId)).get(personId);
    }

    /** People computed again in one round of reads and writes. */
    private static final int CHUNK = 500;

    /**
     * Computes the colours of many people (after a list import, a district's change of colour) and
     * stores those that changed: a few statements for every {@value #CHUNK} people instead of several
     * for each, the rules and every place's level read once.
     */
    @Transactional
    public Map<UUID, Status> recomputeAll(List<UUID> people) {
        CodeRules.RuleSet rules = rules();
        LocalDate today = times.today();
        Map<String, CodeRules.Level> places = new HashMap<>();
        Map<UUID, Status> computed = new HashMap<>();
        List<UUID> distinct = people.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            computed.putAll(recomputeChunk(
                    distinct.subList(from, Math.min(distinct.size(), from + CHUNK)), rules, today, places));
        }
        return computed;
    }

    private Map<UUID, Status> recomputeChunk(
            List<UUID> people, CodeRules.RuleSet rules, LocalDate today, Map<String, CodeRules.Level> places) {
        UUID[] ids = people.toArray(new UUID[0]);
        Map<UUID, List<CodeRules.Declaration>> declarations = new HashMap<>();
        jdbc.sql("""
                        select person_id, declared_on, places, contact, symptoms, temperature from health_declaration
                        where person_id = any(?) order by person_id, declared_on""").param(ids).query(rs -> {
            LocalDate on = rs.getObject(2, LocalDate.class);
            declarations
                    .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new CodeRules.Declaration(
                            on,
                            levels(rs.getString(3), on, today, rules, places),
                            rs.getBoolean(4),
                            CodeRules.Symptoms.valueOf(rs.getString(5)),
                            rs.getObject(6) == null ? null : rs.getDouble(6)));
        });
        Map<UUID, List<CodeRules.CheckIn>> checkIns = new HashMap<>();
        jdbc.sql("select person_id, day, temperature, symptoms from health_checkin where person_id = any(?)")
                .param(ids)
                .query(rs -> {
                    checkIns.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new CodeRules.CheckIn(
                                    rs.getObject(2, LocalDate.class),
                                    rs.getDouble(3),
                                    CodeRules.Symptoms.valueOf(rs.getString(4))));
                });
        // By the people's ID-number hashes: the lists are partitioned by them, not by person.
        Map<String, UUID> byHash = new HashMap<>();
        jdbc.sql("select id, id_hash from health_person where id = any(?)")
                .param(ids)
                .query(rs -> {
                    byHash.put(HexFormat.of().formatHex(rs.getBytes(2)), rs.getObject(1, UUID.class));
                });
        Map<UUID, List<CodeRules.ListEntry>> lists = new HashMap<>();
        jdbc.sql("select id_hash, kind, listed_on from health_list_entry where id_hash = any(?)")
                .param(byHash.keySet().stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new))
                .query(rs -> {
                    lists.computeIfAbsent(byHash.get(HexFormat.of().formatHex(rs.getBytes(1))), k -> new ArrayList<>())
                            .add(new CodeRules.ListEntry(rs.getString(2), rs.getObject(3, LocalDate.class)));
                });
        Map<UUID, LocalDate> cleared = new HashMap<>();
        jdbc.sql("""
                        select person_id, max(decided_at) from health_correction
                        where person_id = any(?) and status = 'ACCEPTED' group by person_id""").param(ids).query(rs -> {
            cleared.put(
                    rs.getObject(1, UUID.class),
                    LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), times.zone()));
        });
        Map<UUID, String> before = new HashMap<>();
        jdbc.sql("select person_id, colour from health_status where person_id = any(?) order by person_id for update")
                .param(ids)
                .query(rs -> {
                    before.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        Timestamp now = Timestamp.from(clock.instant());
        Map<UUID, Status> computed = new HashMap<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        for (UUID person : people) {
            CodeRules.Result result = CodeRules.evaluate(
                    rules,
                    declarations.getOrDefault(person, List.of()),
                    checkIns.getOrDefault(person, List.of()),
                    lists.getOrDefault(person, List.of()),
                    today,
                    cleared.get(person));
            String colour = result.colour().name();
            String reasons = json.writeValueAsString(result.reasons());
            String was = before.get(person);
            if (was == null) {
                inserts.add(new Object[] {person, colour, now, rules.version(), reasons});
            } else {
                // Written only when something changed: the citizen's page computes the colour at every view.
                updates.add(new Object[] {
                    colour, reasons, rules.version(), colour, now, person, colour, reasons, rules.version()
                });
            }
            if (!colour.equals(was)) {
                changes.add(new Object[] {person, now, was, colour, rules.version(), reasons});
            }
            computed.put(person, new Status(result.colour(), result.reasons(), rules.version()));
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate(
                    "insert into health_status (person_id, colour, since, rule_version, reasons) values (?, ?, ?, ?, cast(? as jsonb))",
                    inserts);
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate("""
                            update health_status set colour = ?, reasons = cast(? as jsonb), rule_version = ?,
                                since = case when colour = ? then since else ? end, version = version + 1
                            where person_id = ? and (colour <> ? or reasons <> cast(? as jsonb)
                                                      or rule_version is distinct from ?)""", updates);
        }
        if (!changes.isEmpty()) {
            batch.batchUpdate("""
                            insert into health_status_change (person_id, at, from_colour, to_colour, rule_version, reasons)
                            values (?, ?, ?, ?, ?, cast(? as jsonb))""", changes);
        }
        return computed;
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
            String placesJson,
            LocalDate declaredOn,
            LocalDate today,
            CodeRules.RuleSet rules,
            Map<String, CodeRules.Level> known) {
        List<CodeRules.Level> levels = new ArrayList<>();
        if (declaredOn.isBefore(today.minusDays(rules.lookBackDays()))) {
            return levels;
        }
        Set<String> places = new HashSet<>();
        json.readTree(placesJson).forEach(node -> places.add(node.asString()));
        for (String place : places) {
            levels.add(known.computeIfAbsent(place, this::level));
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
