package org.fugong.riskmap;

import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes and stores the colours of every unit for a range of days, reading the figures once
 * for the whole range. When today's colour of a unit changes, publishes {@link RiskColourChanged}.
 */
@Component
class ColourComputer {

    private final JdbcClient jdbc;
    private final MapUnits units;
    private final RuleBook rules;
    private final Overrides overrides;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;

    ColourComputer(JdbcClient jdbc, MapUnits units, RuleBook rules, Overrides overrides, ApplicationEventPublisher events,
                   JsonMapper json, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.rules = rules;
        this.overrides = overrides;
        this.events = events;
        this.json = json;
        this.times = times;
        this.clock = clock;
    }

    /** Figures of one unit over the days read, indexed from the first day read. */
    private static final class Series {
        final int[] local;
        final int[] imported;
        final int[] asymptomatic;
        final int[] clusters;
        final int[] cumulative;

        Series(int days) {
            local = new int[days];
            imported = new int[days];
            asymptomatic = new int[days];
            clusters = new int[days];
            cumulative = new int[days];
        }
    }

    /** Recomputes and stores the days from {@code from} to {@code to}; returns how many colours it stored. */
    @Transactional
    public int recompute(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        return recompute(days);
    }

    /** Recomputes and stores the given days (ascending), reading the figures once for all of them. */
    @Transactional
    public int recompute(List<LocalDate> wanted) {
        if (wanted.isEmpty()) {
            return 0;
        }
        List<LocalDate> daysToCompute = wanted.stream().distinct().sorted().toList();
        LocalDate from = daysToCompute.get(0);
        LocalDate to = daysToCompute.get(daysToCompute.size() - 1);
        int lookBack = rules.all().stream().mapToInt(set -> set.parameters().lookBackDays()).max().orElse(14);
        LocalDate first = from.minusDays(lookBack);
        int span = (int) ChronoUnit.DAYS.between(first, to) + 1;
        List<MapUnit> all = units.all();
        Map<String, Series> series = read(all, first, to, span);

        LocalDate today = times.today();
        boolean includesToday = daysToCompute.contains(today);
        Map<String, RiskColour> before = includesToday ? effectiveToday(today) : Map.of();

        int size = daysToCompute.size() * all.size();
        String[] codes = new String[size];
        String[] districts = new String[size];
        Date[] dates = new Date[size];
        String[] colours = new String[size];
        Integer[] versions = new Integer[size];
        Double[] scores = new Double[size];
        String[] breakdowns = new String[size];
        int row = 0;
        for (LocalDate day : daysToCompute) {
            RuleBook.RuleSet set = rules.inForceOn(day);
            int window = set.parameters().lookBackDays() + 1;
            int end = (int) ChronoUnit.DAYS.between(first, day);
            for (MapUnit unit : all) {
                Series s = series.get(unit.code());
                Assessment a = RiskRules.assess(set.parameters(), new UnitHistory(
                        slice(s.local, end, window), slice(s.imported, end, window), slice(s.asymptomatic, end, window),
                        s.clusters[end], s.cumulative[end]));
                codes[row] = unit.code();
                districts[row] = unit.districtCode();
                dates[row] = Date.valueOf(day);
                colours[row] = a.colour().name();
                versions[row] = set.version();
                scores[row] = a.score();
                breakdowns[row] = json.writeValueAsString(Breakdown.of(a));
                row++;
            }
        }
        jdbc.sql("""
                        insert into risk_colour (unit_code, district_code, day, colour, rule_set_version, score, breakdown, computed_at)
                        select u.code, u.district, u.day, u.colour, u.version, u.score, cast(u.breakdown as jsonb), :now
                        from unnest(cast(:codes as text[]), cast(:districts as text[]), cast(:dates as date[]),
                                    cast(:colours as text[]), cast(:versions as int[]), cast(:scores as float8[]),
                                    cast(:breakdowns as text[]))
                             as u(code, district, day, colour, version, score, breakdown)
                        on conflict (unit_code, day) do update set colour = excluded.colour,
                            rule_set_version = excluded.rule_set_version, score = excluded.score,
                            breakdown = excluded.breakdown, computed_at = excluded.computed_at""")
                .param("codes", codes).param("districts", districts).param("dates", dates).param("colours", colours)
                .param("versions", versions).param("scores", scores).param("breakdowns", breakdowns)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (includesToday) {
            publishChanges(today, before, all);
        }
        return size;
    }

    /** Today's effective colour of every unit: an override if one is active, else the stored colour (or yesterday's). */
    Map<String, RiskColour> effectiveToday(LocalDate today) {
        Map<String, RiskColour> colours = new HashMap<>();
        jdbc.sql("""
                        select distinct on (unit_code) unit_code, colour from risk_colour
                        where day in (:today, :yesterday) order by unit_code, day desc""")
                .param("today", Date.valueOf(today)).param("yesterday", Date.valueOf(today.minusDays(1)))
                .query((rs, n) -> colours.put(rs.getString(1), RiskColour.valueOf(rs.getString(2)))).list();
        colours.putAll(overrides.activeColours(clock.instant()));
        return colours;
    }

    private void publishChanges(LocalDate today, Map<String, RiskColour> before, List<MapUnit> all) {
        Map<String, RiskColour> after = effectiveToday(today);
        for (MapUnit unit : all) {
            @Nullable RiskColour was = before.get(unit.code());
            RiskColour now = after.get(unit.code());
            if (now != null && now != was) {
                events.publishEvent(new RiskColourChanged(unit.code(), unit.districtCode(), today, was, now));
            }
        }
    }

    private Map<String, Series> read(List<MapUnit> all, LocalDate first, LocalDate to, int span) {
        Map<String, Series> series = new LinkedHashMap<>();
        all.forEach(unit -> series.put(unit.code(), new Series(span)));
        // Cumulative figures and clusters carry forward from before the range, and from day to day.
        Map<String, int[]> carried = new HashMap<>();
        jdbc.sql("""
                        select distinct on (unit_code) unit_code, cumulative_confirmed, active_clusters
                        from risk_indicator where day < ? order by unit_code, day desc""")
                .param(Date.valueOf(first))
                .query((rs, n) -> carried.put(rs.getString(1), new int[]{rs.getInt(2), rs.getInt(3)})).list();
        Map<String, List<int[]>> reported = new HashMap<>();
        jdbc.sql("""
                        select unit_code, day, new_local, new_imported, new_asymptomatic, active_clusters, cumulative_confirmed
                        from risk_indicator where day between ? and ? order by unit_code, day""")
                .params(Date.valueOf(first), Date.valueOf(to))
                .query((rs, n) -> {
                    int index = (int) ChronoUnit.DAYS.between(first, rs.getObject(2, LocalDate.class));
                    reported.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new int[]{
                            index, rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)});
                    return null;
                }).list();
        for (var entry : series.entrySet()) {
            Series s = entry.getValue();
            int[] carry = carried.getOrDefault(entry.getKey(), new int[]{0, 0});
            List<int[]> rows = reported.getOrDefault(entry.getKey(), List.of());
            int next = 0;
            int cumulative = carry[0];
            int clusters = carry[1];
            for (int i = 0; i < span; i++) {
                if (next < rows.size() && rows.get(next)[0] == i) {
                    int[] r = rows.get(next++);
                    s.local[i] = r[1];
                    s.imported[i] = r[2];
                    s.asymptomatic[i] = r[3];
                    clusters = r[4];
                    cumulative = r[5];
                }
                s.clusters[i] = clusters;
                s.cumulative[i] = cumulative;
            }
        }
        return series;
    }

    private static int[] slice(int[] values, int end, int length) {
        int[] result = new int[length];
        int start = end - length + 1;
        for (int i = 0; i < length; i++) {
            int source = start + i;
            result[i] = source >= 0 ? values[source] : 0;
        }
        return result;
    }
}
