package org.fugong.riskmap.reporting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.riskmap.MapUnit;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.internal.ColourComputer;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.riskmap.internal.Overrides;
import org.fugong.riskmap.internal.RuleBook;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to the map goes through here: figures entered, overrides set and ended, the daily
 * run. Each change recomputes what it affects and announces today's colour changes.
 */
@Service
public class RiskMapDesk {

    static final String HEALTH_DEPARTMENT = "HEALTH";

    private final JdbcClient jdbc;
    private final MapUnits units;
    private final ColourComputer computer;
    private final RuleBook rules;
    private final Overrides overrides;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;

    RiskMapDesk(
            JdbcClient jdbc,
            MapUnits units,
            ColourComputer computer,
            RuleBook rules,
            Overrides overrides,
            AuditTrail audit,
            Times times,
            Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.computer = computer;
        this.rules = rules;
        this.overrides = overrides;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
    }

    /**
     * Who may report figures for a district: its own district official, a city official, and the
     * health bureau (which reports for the whole city).
     */
    public static boolean mayReport(Actor actor, Scope scope, String districtCode) {
        return scope.permitsDistrict(districtCode)
                || (actor.role() == Role.DEPARTMENT_OFFICER && HEALTH_DEPARTMENT.equals(actor.departmentCode()));
    }

    /** Whether the actor reports figures at all: city and district officials, and the health bureau. */
    public static boolean reportsFigures(Actor actor) {
        return actor.role() == Role.CITY_OFFICIAL
                || actor.role() == Role.DISTRICT_OFFICIAL
                || (actor.role() == Role.DEPARTMENT_OFFICER && HEALTH_DEPARTMENT.equals(actor.departmentCode()));
    }

    /**
     * Saves figures, all or nothing: every row is checked first and every problem reported. Then
     * the days from the earliest figure to today are recomputed.
     *
     * @return the number of rows saved
     */
    @Transactional
    public int report(Actor actor, Scope scope, List<IndicatorRow> rows) {
        if (!reportsFigures(actor)) {
            throw new AccessDeniedException("Only officials and the health bureau report figures");
        }
        LocalDate today = times.today();
        List<IndicatorRejectedException.Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            IndicatorRow row = rows.get(i);
            int number = i + 1;
            Optional<MapUnit> unit = units.find(row.unitCode());
            if (unit.isEmpty()) {
                problems.add(problem(number, "unitCode", "riskmap.indicator.error.unknownUnit", row.unitCode()));
                continue;
            }
            if (!mayReport(actor, scope, unit.get().districtCode())) {
                problems.add(problem(number, "unitCode", "riskmap.indicator.error.notYourDistrict", row.unitCode()));
            }
            if (row.day().isAfter(today)) {
                problems.add(problem(number, "day", "riskmap.indicator.error.future", row.day()));
            }
            if (!seen.add(row.unitCode() + "/" + row.day())) {
                problems.add(
                        problem(number, "unitCode", "riskmap.indicator.error.duplicate", row.unitCode(), row.day()));
            }
            checkCount(problems, number, "newLocal", row.newLocal());
            checkCount(problems, number, "newImported", row.newImported());
            checkCount(problems, number, "newAsymptomatic", row.newAsymptomatic());
            checkCount(problems, number, "activeClusters", row.activeClusters());
            checkCount(problems, number, "cumulativeConfirmed", row.cumulativeConfirmed());
            if (row.population() != null) {
                checkCount(problems, number, "population", row.population());
            }
            if (row.cumulativeConfirmed() < row.newLocal() + row.newImported()) {
                problems.add(problem(number, "cumulativeConfirmed", "riskmap.indicator.error.cumulativeBelowNew"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IndicatorRejectedException(problems);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        for (IndicatorRow row : rows) {
            MapUnit unit = units.find(row.unitCode()).orElseThrow();
            Optional<Map<String, Object>> before = current(row.unitCode(), row.day());
            if (row.version() != null
                    && before.map(b -> ((Number) b.get("version")).longValue() != row.version())
                            .orElse(row.version() != 0)) {
                throw new StaleVersionException();
            }
            jdbc.sql("""
                            insert into risk_indicator (unit_code, day, district_code, new_local, new_imported, new_asymptomatic,
                                active_clusters, cumulative_confirmed, population, updated_at, updated_by)
                            values (:unit, :day, :district, :local, :imported, :asymptomatic, :clusters, :cumulative, :population, :now, :by)
                            on conflict (unit_code, day) do update set new_local = excluded.new_local,
                                new_imported = excluded.new_imported, new_asymptomatic = excluded.new_asymptomatic,
                                active_clusters = excluded.active_clusters, cumulative_confirmed = excluded.cumulative_confirmed,
                                population = excluded.population, updated_at = excluded.updated_at,
                                updated_by = excluded.updated_by, version = risk_indicator.version + 1""")
                    .param("unit", row.unitCode())
                    .param("day", Date.valueOf(row.day()))
                    .param("district", unit.districtCode())
                    .param("local", row.newLocal())
                    .param("imported", row.newImported())
                    .param("asymptomatic", row.newAsymptomatic())
                    .param("clusters", row.activeClusters())
                    .param("cumulative", row.cumulativeConfirmed())
                    .param("population", row.population())
                    .param("now", Timestamp.from(now))
                    .param("by", actor.getUsername())
                    .update();
            Map<String, Object> after = state(row);
            Map<String, Object> old = before.map(RiskMapDesk::withoutVersion).orElse(null);
            if (!after.equals(old)) {
                audit.record(AuditEntry.of(
                                "riskmap",
                                "Indicator",
                                row.unitCode() + "/" + row.day(),
                                before.isPresent() ? "INDICATOR_CORRECTED" : "INDICATOR_REPORTED")
                        .change(old, after)
                        .owner(unit.districtCode(), null));
            }
        }
        computer.recompute(affectedDays(rows, today));
        return rows.size();
    }

    /**
     * The days whose colours figures can change: from the earliest figure through the look-back
     * after the latest (adjustments look back that far), every later day already stored (their
     * cumulative scores), and today.
     */
    private List<LocalDate> affectedDays(List<IndicatorRow> rows, LocalDate today) {
        LocalDate earliest = rows.stream()
                .map(IndicatorRow::day)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        LocalDate latest = rows.stream()
                .map(IndicatorRow::day)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        int lookBack = rules.longestLookBack();
        LocalDate windowEnd = latest.plusDays(lookBack).isAfter(today) ? today : latest.plusDays(lookBack);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = earliest; !day.isAfter(windowEnd); day = day.plusDays(1)) {
            days.add(day);
        }
        days.addAll(jdbc.sql("select distinct day from risk_colour where day > ? and day <= ? order by day")
                .params(Date.valueOf(windowEnd), Date.valueOf(today))
                .query(LocalDate.class)
                .list());
        days.add(today);
        return days;
    }

    /** Sets a unit's colour by hand until the expiry; announced if it changes today's colour. */
    @Transactional
    public Overrides.Override override(
            Actor actor, String unitCode, RiskColour colour, String reason, Instant expiresAt) {
        requireCity(actor);
        MapUnit unit = units.find(unitCode)
                .orElseThrow(
                        () -> InvalidInputException.of("unitCode", "riskmap.indicator.error.unknownUnit", unitCode));
        LocalDate today = times.today();
        Map<String, RiskColour> before = computer.effectiveToday(today);
        Overrides.Override created = overrides.create(unit, colour, reason, expiresAt, actor.getUsername());
        announce(today, before, Set.of(unit.code()));
        return created;
    }

    /** Ends an override before its expiry. */
    @Transactional
    public void endOverride(Actor actor, UUID id) {
        requireCity(actor);
        LocalDate today = times.today();
        Map<String, RiskColour> before = computer.effectiveToday(today);
        Overrides.Override ended = overrides.end(id, actor.getUsername());
        announce(today, before, Set.of(ended.unitCode()));
    }

    /** Ends every override whose expiry has passed; returns how many. */
    @Transactional
    public int endExpiredOverrides() {
        LocalDate today = times.today();
        List<Overrides.Override> ended = overrides.endExpired();
        // Until this sweep the map showed each override's colour, even if its expiry had passed a moment ago.
        Map<String, RiskColour> before = new HashMap<>();
        ended.forEach(o -> before.put(o.unitCode(), o.colour()));
        announce(today, before, before.keySet());
        return ended.size();
    }

    /**
     * The daily run for a day: computes its colours once, however many instances try at once.
     *
     * @return whether this call did the run (false: another instance or an earlier call did)
     */
    @Transactional
    public boolean runDaily(LocalDate day, String instance) {
        int claimed = jdbc.sql("""
                        insert into risk_job_run (job, day, started_at, instance) values ('daily-colours', ?, ?, ?)
                        on conflict do nothing""")
                .params(Date.valueOf(day), Timestamp.from(clock.instant()), instance)
                .update();
        if (claimed == 0) {
            return false;
        }
        computer.recompute(day, day);
        return true;
    }

    /** Recomputes a range of days, for example after loading history. */
    @Transactional
    public int recompute(LocalDate from, LocalDate to) {
        return computer.recompute(from, to);
    }

    private void announce(LocalDate today, Map<String, RiskColour> before, Set<String> unitCodes) {
        computer.announceChanges(
                today,
                before,
                unitCodes.stream().map(code -> units.find(code).orElseThrow()).toList());
    }

    private Optional<Map<String, Object>> current(String unitCode, LocalDate day) {
        return jdbc.sql("""
                        select new_local, new_imported, new_asymptomatic, active_clusters, cumulative_confirmed, population, version
                        from risk_indicator where unit_code = ? and day = ? for update""")
                .params(unitCode, Date.valueOf(day))
                .query((rs, n) -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("newLocal", rs.getInt(1));
                    state.put("newImported", rs.getInt(2));
                    state.put("newAsymptomatic", rs.getInt(3));
                    state.put("activeClusters", rs.getInt(4));
                    state.put("cumulativeConfirmed", rs.getInt(5));
                    state.put("population", (Integer) rs.getObject(6));
                    state.put("version", rs.getLong(7));
                    return state;
                })
                .optional();
    }

    private static Map<String, Object> withoutVersion(Map<String, Object> state) {
        Map<String, Object> copy = new LinkedHashMap<>(state);
        copy.remove("version");
        return copy;
    }

    private static Map<String, Object> state(IndicatorRow row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("newLocal", row.newLocal());
        state.put("newImported", row.newImported());
        state.put("newAsymptomatic", row.newAsymptomatic());
        state.put("activeClusters", row.activeClusters());
        state.put("cumulativeConfirmed", row.cumulativeConfirmed());
        state.put("population", row.population());
        return state;
    }

    private static void checkCount(
            List<IndicatorRejectedException.Problem> problems, int row, String field, int value) {
        if (value < 0) {
            problems.add(problem(row, field, "riskmap.indicator.error.negative"));
        }
    }

    private static IndicatorRejectedException.Problem problem(int row, String field, String key, Object... arguments) {
        return new IndicatorRejectedException.Problem(row, field, key, List.of(arguments));
    }

    private static void requireCity(Actor actor) {
        if (actor.role() != Role.CITY_OFFICIAL) {
            throw new AccessDeniedException("Only city officials set colours by hand");
        }
    }
}
