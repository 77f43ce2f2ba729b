package org.fugong.dashboard.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingReads;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index by day: today's live, a past day's from its snapshot — written once and never
 * changed, so that a later rules version does not rewrite history. A past day without one is
 * computed from what is dated and written then.
 */
@Service
public class Snapshots {

    /** The longest history one request may ask for. */
    public static final int MAX_DAYS = 400;

    private final JdbcClient jdbc;
    private final ReportingReads reporting;
    private final JsonMapper json;
    private final IndexComputer computer;
    private final LiveFigures live;
    private final Times times;
    private final Clock clock;

    Snapshots(
            JdbcClient jdbc,
            JsonMapper json,
            IndexComputer computer,
            LiveFigures live,
            Times times,
            Clock clock,
            ReportingReads reporting) {
        this.reporting = reporting;
        this.jdbc = jdbc;
        this.json = json;
        this.computer = computer;
        this.live = live;
        this.times = times;
        this.clock = clock;
    }

    public LocalDate today() {
        return times.today();
    }

    /** Every district's and the city's index of a day, each category. */
    @Transactional
    public List<IndexValue> day(LocalDate day) {
        LocalDate today = times.today();
        if (day.isAfter(today)) {
            throw InvalidInputException.of("date", "index.error.future");
        }
        if (day.equals(today)) {
            List<IndexValue> values = new ArrayList<>();
            live.all().values().forEach(l -> values.addAll(l.index().values()));
            return values;
        }
        List<IndexValue> stored = read(day, day, null);
        if (!stored.isEmpty()) {
            return stored;
        }
        List<IndexValue> computed = computer.compute(day, null);
        reporting.onPrimary(() -> write(computed));
        List<IndexValue> kept = read(day, day, null);
        // A dashboard reading from an asynchronous replica may not see the write yet: what was computed is the same.
        return kept.isEmpty() ? computed : kept;
    }

    /** The index of [from, to] for one category (ALL for the whole), day by day; missing past days computed and kept. */
    @Transactional
    public Map<LocalDate, List<IndexValue>> history(LocalDate from, LocalDate to, String category) {
        LocalDate today = times.today();
        if (to.isBefore(from)) {
            throw InvalidInputException.of("to", "index.error.period");
        }
        if (to.isAfter(today)) {
            to = today;
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw InvalidInputException.of("from", "index.error.tooLong", MAX_DAYS);
        }
        LocalDate lastPast = to.isBefore(today) ? to : today.minusDays(1);
        Set<LocalDate> have =
                new HashSet<>(jdbc.sql("select distinct day from dashboard_snapshot where day between ? and ?")
                        .params(Date.valueOf(from), Date.valueOf(lastPast))
                        .query(LocalDate.class)
                        .list());
        Map<LocalDate, List<IndexValue>> computed = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(lastPast); d = d.plusDays(1)) {
            if (!have.contains(d)) {
                List<IndexValue> values = computer.compute(d, null);
                reporting.onPrimary(() -> write(values));
                computed.put(
                        d,
                        values.stream()
                                .filter(v -> v.category().equals(category))
                                .toList());
            }
        }
        Map<LocalDate, List<IndexValue>> history = new TreeMap<>();
        for (IndexValue v : read(from, lastPast, category)) {
            history.computeIfAbsent(v.day(), k -> new ArrayList<>()).add(v);
        }
        // Days just computed that an asynchronous replica does not show yet.
        computed.forEach(history::putIfAbsent);
        if (!to.isBefore(today)) {
            List<IndexValue> now = new ArrayList<>();
            live.all().values().forEach(l -> {
                IndexValue v = l.index().get(category);
                if (v != null) {
                    now.add(v);
                }
            });
            history.put(today, now);
        }
        return history;
    }

    /** Writes today's index as the day's snapshot (computed afresh); false if it exists already. */
    @Transactional
    public boolean snapshotToday() {
        live.refresh(true);
        List<IndexValue> values = new ArrayList<>();
        live.all().values().forEach(l -> values.addAll(l.index().values()));
        return write(values) > 0;
    }

    /** Writes values as snapshots; a day × district × category already written is left as it was. */
    int write(List<IndexValue> values) {
        int written = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (IndexValue v : values) {
            written += jdbc.sql("""
                            insert into dashboard_snapshot (day, district_code, category, parts, state_grid, fugong,
                                                            rules_version, colour, made_at)
                            values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            Date.valueOf(v.day()),
                            v.districtCode(),
                            v.category(),
                            json.writeValueAsString(v),
                            v.stateGrid(),
                            v.fugong(),
                            v.rulesVersion(),
                            v.colour(),
                            now)
                    .update();
        }
        return written;
    }

    /** Snapshots never change, so a day read once is kept (a bounded number of days). */
    private final Map<LocalDate, List<IndexValue>> recorded = new ConcurrentHashMap<>();

    private static final int KEPT_DAYS = 800;

    private List<IndexValue> read(LocalDate from, LocalDate to, @Nullable String category) {
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!recorded.containsKey(d)) {
                missing.add(d);
            }
        }
        if (!missing.isEmpty()) {
            Map<LocalDate, List<IndexValue>> found = new TreeMap<>();
            jdbc.sql(
                            "select parts::text from dashboard_snapshot where day = any(?) order by day, district_code, category")
                    .param(missing.stream().map(Date::valueOf).toArray(Date[]::new))
                    .query((rs, n) -> json.readValue(rs.getString(1), IndexValue.class))
                    .list()
                    .forEach(v -> found.computeIfAbsent(v.day(), k -> new ArrayList<>())
                            .add(v));
            if (recorded.size() + found.size() > KEPT_DAYS) {
                recorded.clear();
            }
            found.forEach((d, values) -> recorded.put(d, List.copyOf(values)));
        }
        List<IndexValue> values = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (IndexValue v : recorded.getOrDefault(d, List.of())) {
                if (category == null || v.category().equals(category)) {
                    values.add(v);
                }
            }
        }
        return values;
    }
}
