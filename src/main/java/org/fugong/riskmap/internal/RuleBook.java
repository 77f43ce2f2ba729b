package org.fugong.riskmap.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versions of the colour rules. A version is never changed: a city official saves a new one
 * that takes effect from a date on, and every day is assessed by the version in force on it.
 */
@Service
public class RuleBook {

    /** A numbered version of the rules and the first day it applies to. */
    public record RuleSet(int version, LocalDate effectiveFrom, String name, RuleParameters parameters) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;
    private volatile List<RuleSet> cache;

    RuleBook(JdbcClient jdbc, JsonMapper json, AuditTrail audit, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
    }

    /** All versions, newest first. */
    public List<RuleSet> all() {
        List<RuleSet> sets = cache;
        if (sets == null) {
            sets = jdbc.sql(
                            "select version, effective_from, name, parameters::text from risk_rule_set order by version desc")
                    .query((rs, n) -> new RuleSet(
                            rs.getInt(1),
                            rs.getObject(2, LocalDate.class),
                            rs.getString(3),
                            json.readValue(rs.getString(4), RuleParameters.class)))
                    .list();
            cache = sets;
        }
        return sets;
    }

    /** Drops the cached versions, so that the next read sees the table (after a change outside this class). */
    public void forget() {
        cache = null;
    }

    /** How far back any version's rules look: the history a recomputation must read before its first day. */
    public int longestLookBack() {
        return all().stream()
                .mapToInt(set -> set.parameters().lookBackDays())
                .max()
                .orElse(14);
    }

    /** The version in force on a day: the latest effective on or before it. */
    public RuleSet inForceOn(LocalDate day) {
        return all().stream()
                .filter(set -> !set.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(RuleSet::effectiveFrom).thenComparing(RuleSet::version))
                .orElseThrow(() -> new IllegalStateException("No rule set in force on " + day));
    }

    /**
     * Adds a version that takes effect on a day from today on: the past keeps the rules it was
     * assessed by.
     */
    @Transactional
    public RuleSet add(String name, LocalDate effectiveFrom, RuleParameters parameters, String author) {
        if (effectiveFrom.isBefore(times.today())) {
            throw InvalidInputException.of("effectiveFrom", "riskmap.rules.error.past");
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from risk_rule_set")
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into risk_rule_set (version, effective_from, name, parameters, created_at, created_by)
                        values (?, ?, ?, cast(? as jsonb), ?, ?)""")
                .params(
                        version,
                        Date.valueOf(effectiveFrom),
                        name,
                        json.writeValueAsString(parameters),
                        Timestamp.from(clock.instant()),
                        author)
                .update();
        audit.record(AuditEntry.of("riskmap", "RuleSet", version, "RULE_SET_ADDED")
                .change(
                        null,
                        Map.of("name", name, "effectiveFrom", effectiveFrom.toString(), "parameters", parameters)));
        cache = null;
        return new RuleSet(version, effectiveFrom, name, parameters);
    }
}
