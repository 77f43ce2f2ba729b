package org.fugong.riskmap.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.fugong.riskmap.MapUnit;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskColourChanged;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes and stores the colours of every unit for a range of days, reading the figures once
 * for the whole range. When today's colour of a unit changes, publishes {@link RiskColourChanged}.
 */
@Component
public class ColourComputer {

    private final JdbcClient jdbc;
    private final MapUnits units;
    private final RuleBook rules;
    private final Overrides overrides;
    private final ApplicationEventPublisher events;
    private final Times times;
    private final Clock clock;
    private final DataSource dataSource;

    ColourComputer(
            JdbcClient jdbc,
            MapUnits units,
            RuleBook rules,
            Overrides overrides,
            ApplicationEventPublisher events,
            Times times,
            Clock clock,
            DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.units = units;
        this.rules = rules;
        this.overrides = overrides;
        this.events = events;
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
        int lookBack = rules.longestLookBack();
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
        Long[] fingerprints = new Long[size];
        Map<String, Long> stored = storedFingerprints(from, to);
        int row = 0;
        for (LocalDate day : daysToCompute) {
            RuleBook.RuleSet set = rules.inForceOn(day);
            int window = set.parameters().lookBackDays() + 1;
            int end = (int) ChronoUnit.DAYS.between(first, day);
            for (MapUnit unit : all) {
                Series s = series.get(unit.code());
                Assessment a = RiskRules.assess(
                        set.parameters(),
                        new UnitHistory(
                                slice(s.local, end, window),
                                slice(s.imported, end, window),
                                slice(s.asymptomatic, end, window),
                                s.clusters[end],
                                s.cumulative[end]));
                String breakdown = Breakdown.of(a).toJson();
                long fingerprint = fingerprint(a.colour().name(), set.version(), a.score(), breakdown);
                Long previous = stored.get(unit.code() + '/' + day);
                if (previous != null && previous == fingerprint) {
                    continue; // unchanged: a replay that changes nothing writes nothing
                }
                codes[row] = unit.code();
                districts[row] = unit.districtCode();
                dates[row] = Date.valueOf(day);
                colours[row] = a.colour().name();
                versions[row] = set.version();
                scores[row] = a.score();
                breakdowns[row] = breakdown;
                fingerprints[row] = fingerprint;
                row++;
            }
        }
        if (row > BULK) {
            copy(row, codes, districts, dates, colours, versions, scores, breakdowns, fingerprints, stored.isEmpty());
        } else if (row > 0) {
            jdbc.sql("""
                            insert into risk_colour (unit_code, district_code, day, colour, rule_set_version, score, breakdown,
                                                     fingerprint, computed_at)
                            select u.code, u.district, u.day, u.colour, u.version, u.score, cast(u.breakdown as json),
                                   u.fingerprint, :now
                            from unnest(cast(:codes as text[]), cast(:districts as text[]), cast(:dates as date[]),
                                        cast(:colours as text[]), cast(:versions as int[]), cast(:scores as float8[]),
                                        cast(:breakdowns as text[]), cast(:fingerprints as bigint[]))
                                 as u(code, district, day, colour, version, score, breakdown, fingerprint)
                            on conflict (day, unit_code) do update set""" + " " + UPDATE_ALL)
                    .param("codes", Arrays.copyOf(codes, row))
                    .param("districts", Arrays.copyOf(districts, row))
                    .param("dates", Arrays.copyOf(dates, row))
                    .param("colours", Arrays.copyOf(colours, row))
                    .param("versions", Arrays.copyOf(versions, row))
                    .param("scores", Arrays.copyOf(scores, row))
                    .param("breakdowns", Arrays.copyOf(breakdowns, row))
                    .param("fingerprints", Arrays.copyOf(fingerprints, row))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
        if (includesToday) {
            announceChanges(today, before, all);
        }
        return size;
    }

    /** Above this many changed colours, rows are streamed with COPY rather than bound as arrays. */
    static final int BULK = 5_000;

    private static final String UPDATE_ALL = """
            colour = excluded.colour, rule_set_version = excluded.rule_set_version, score = excluded.score,
            breakdown = excluded.breakdown, fingerprint = excluded.fingerprint, computed_at = excluded.computed_at""";

    /**
     * Streams many colours with COPY: straight into the table when none of the days had colours,
     * otherwise through a temporary table and one upsert.
     */
    private void copy(
            int rows,
            String[] codes,
            String[] districts,
            Date[] dates,
            String[] colours,
            Integer[] versions,
            Double[] scores,
            String[] breakdowns,
            Long[] fingerprints,
            boolean fresh) {
        String now = clock.instant().toString();
        StringBuilder data = new StringBuilder(rows * 320);
        for (int i = 0; i < rows; i++) {
            // Text format: tab-separated; none of these values holds a tab, newline or backslash.
            data.append(dates[i])
                    .append('\t')
                    .append(codes[i])
                    .append('\t')
                    .append(districts[i])
                    .append('\t')
                    .append(colours[i])
                    .append('\t')
                    .append(versions[i])
                    .append('\t')
                    .append(scores[i])
                    .append('\t')
                    .append(breakdowns[i])
                    .append('\t')
                    .append(fingerprints[i])
                    .append('\t')
                    .append(now)
                    .append('\n');
        }
        String columns =
                "(day, unit_code, district_code, colour, rule_set_version, score, breakdown, fingerprint, computed_at)";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!fresh) {
                jdbc.sql(
                                "create temporary table if not exists risk_colour_load (like risk_colour) on commit delete rows")
                        .update();
            }
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + (fresh ? "risk_colour " : "risk_colour_load ") + columns + " from stdin",
                            new StringReader(data.toString()));
            if (!fresh) {
                jdbc.sql(
                                "insert into risk_colour select * from risk_colour_load on conflict (day, unit_code) do update set "
                                        + UPDATE_ALL)
                        .update();
                jdbc.sql("truncate risk_colour_load").update();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not store the colours", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private Map<String, Long> storedFingerprints(LocalDate from, LocalDate to) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("select unit_code, day, fingerprint from risk_colour where day between ? and ?")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> stored.put(rs.getString(1) + '/' + rs.getObject(2, LocalDate.class), rs.getLong(3)))
                .list();
        return stored;
    }

    /** 64-bit FNV-1a over what a stored colour says. */
    static long fingerprint(String colour, int version, double score, String breakdown) {
        long hash = 0xcbf29ce484222325L;
        String text = colour + '|' + version + '|' + score + '|' + breakdown;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Today's effective colour of every unit: an override if one is active, else the stored colour (or yesterday's). */
    public Map<String, RiskColour> effectiveToday(LocalDate today) {
        Map<String, RiskColour> colours = new HashMap<>();
        jdbc.sql("""
                        select distinct on (unit_code) unit_code, colour from risk_colour
                        where day in (:today, :yesterday) order by unit_code, day desc""")
                .param("today", Date.valueOf(today))
                .param("yesterday", Date.valueOf(today.minusDays(1)))
                .query((rs, n) -> colours.put(rs.getString(1), RiskColour.valueOf(rs.getString(2))))
                .list();
        colours.putAll(overrides.activeColours(clock.instant()));
        return colours;
    }

    /**
     * Publishes {@link RiskColourChanged} for each of the units whose effective colour today differs
     * from {@code before} (what the map showed before the change).
     */
    public void announceChanges(LocalDate today, Map<String, RiskColour> before, Collection<MapUnit> changed) {
        Map<String, RiskColour> after = effectiveToday(today);
        for (MapUnit unit : changed) {
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
                .query((rs, n) -> carried.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)}))
                .list();
        Map<String, List<int[]>> reported = new HashMap<>();
        jdbc.sql("""
                        select unit_code, day, new_local, new_imported, new_asymptomatic, active_clusters, cumulative_confirmed
                        from risk_indicator where day between ? and ? order by unit_code, day""")
                .params(Date.valueOf(first), Date.valueOf(to))
                .query((rs, n) -> {
                    int index = (int) ChronoUnit.DAYS.between(first, rs.getObject(2, LocalDate.class));
                    reported.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new int[] {index, rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)
                            });
                    return null;
                })
                .list();
        for (var entry : series.entrySet()) {
            Series s = entry.getValue();
            int[] carry = carried.getOrDefault(entry.getKey(), new int[] {0, 0});
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
