package org.fugong.visits;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commissioners' figures for the command center and the dashboard, within what the reader may
 * see: per district and per day — visits and the lights they gave, orders opened, warning talks
 * called; and now — enterprises by current light, open and overdue orders, talks not yet recorded,
 * approvals suspended by the lights.
 */
@Service
public class VisitFigures {

    /**
     * One district's (or the total's) figures on one day: what happened that day (visits and the
     * lights they gave, orders opened, talks called, approvals suspended) and how it stood at the end
     * of it (orders open, of which past their deadline; approvals under suspension).
     */
    public record Day(
            LocalDate day,
            String districtCode,
            long visits,
            long green,
            long yellow,
            long red,
            long ordersOpened,
            long talksCalled,
            long openOrders,
            long overdueOrders,
            long suspensions,
            long suspended) {

        static Day of(LocalDate day, String district, long[] v) {
            return new Day(day, district, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        }
    }

    private static final int DAY_FIELDS = 10;

    /** The counts of the result row's day and district, made on first use. */
    private static long[] dayRow(Map<String, long[]> byKey, ResultSet rs) throws SQLException {
        return byKey.computeIfAbsent(
                rs.getDate("day") + "|" + rs.getString("district_code"), k -> new long[DAY_FIELDS]);
    }

    /** One district's (or the total's) standing now. */
    public record Now(
            String districtCode,
            long green,
            long yellow,
            long red,
            long openOrders,
            long overdueOrders,
            long talksToRecord,
            long suspended) {}

    public record Figures(LocalDate from, LocalDate to, List<Day> days, List<Day> byDay, List<Now> now, Now total) {}

    public static final String TOTAL = "TOTAL";

    private final JdbcClient jdbc;
    private final Times times;

    VisitFigures(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    /** Figures for the days [from, to] (city days), in the reader's scope. */
    @Transactional(readOnly = true)
    public Figures figures(Scope scope, LocalDate from, LocalDate to) {
        Scope.Condition visible = scope.where("district_code", "enterprise_id");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("from", Date.valueOf(from));
        params.put("to", Date.valueOf(to));
        params.put("zone", times.zone().getId());
        params.put("today", Date.valueOf(times.today()));
        Map<String, long[]> byKey = new TreeMap<>();
        jdbc.sql("select district_code, (visited_at at time zone :zone)::date as day, count(*) as visits,"
                        + " count(*) filter (where light = 'GREEN') as green,"
                        + " count(*) filter (where light = 'YELLOW') as yellow,"
                        + " count(*) filter (where light = 'RED') as red"
                        + " from visit where " + visible.sql()
                        + " and (visited_at at time zone :zone)::date between :from and :to group by 1, 2")
                .params(params)
                .query((rs, n) -> {
                    long[] row = dayRow(byKey, rs);
                    row[0] = rs.getLong("visits");
                    row[1] = rs.getLong("green");
                    row[2] = rs.getLong("yellow");
                    row[3] = rs.getLong("red");
                    return row;
                })
                .list();
        jdbc.sql("select district_code, (opened_at at time zone :zone)::date as day, count(*) as n from visit_order"
                        + " where " + visible.sql()
                        + " and (opened_at at time zone :zone)::date between :from and :to group by 1, 2")
                .params(params)
                .query((rs, n) -> dayRow(byKey, rs)[4] = rs.getLong("n"))
                .list();
        jdbc.sql("select district_code, (called_at at time zone :zone)::date as day, count(*) as n from visit_talk"
                        + " where " + visible.sql()
                        + " and (called_at at time zone :zone)::date between :from and :to group by 1, 2")
                .params(params)
                .query((rs, n) -> dayRow(byKey, rs)[5] = rs.getLong("n"))
                .list();
        String daysCte = "with days as (select d::date as day, ((d::date + 1)::timestamp at time zone :zone) as day_end"
                + " from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d) ";
        jdbc.sql(daysCte + "select days.day, o.district_code, count(*) as open,"
                        + " count(*) filter (where o.due_on < days.day) as overdue from days join visit_order o"
                        + " on o.opened_at < days.day_end and (o.verified_at is null or o.verified_at >= days.day_end)"
                        + " where " + visible.sql() + " group by 1, 2")
                .params(params)
                .query((rs, n) -> {
                    long[] row = dayRow(byKey, rs);
                    row[6] = rs.getLong("open");
                    row[7] = rs.getLong("overdue");
                    return row;
                })
                .list();
        jdbc.sql(daysCte + "select days.day, s.district_code,"
                        + " count(*) filter (where s.suspended_at >= days.day_end - interval '1 day') as new,"
                        + " count(*) filter (where s.restored_at is null or s.restored_at >= days.day_end) as standing"
                        + " from days join visit_suspension s on s.suspended_at < days.day_end"
                        + " and (s.restored_at is null or s.restored_at >= days.day_end - interval '1 day')"
                        + " where " + visible.sql() + " group by 1, 2")
                .params(params)
                .query((rs, n) -> {
                    long[] row = dayRow(byKey, rs);
                    row[8] = rs.getLong("new");
                    row[9] = rs.getLong("standing");
                    return row;
                })
                .list();
        List<Day> days = new ArrayList<>();
        Map<LocalDate, long[]> totals = new TreeMap<>();
        byKey.forEach((key, v) -> {
            String[] parts = key.split("\\|");
            LocalDate day = LocalDate.parse(parts[0]);
            days.add(Day.of(day, parts[1], v));
            long[] t = totals.computeIfAbsent(day, d -> new long[DAY_FIELDS]);
            for (int i = 0; i < DAY_FIELDS; i++) {
                t[i] += v[i];
            }
        });
        List<Day> byDay = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long[] t = totals.getOrDefault(day, new long[DAY_FIELDS]);
            byDay.add(Day.of(day, TOTAL, t));
        }
        Map<String, long[]> now = new TreeMap<>();
        jdbc.sql("select district_code, count(*) filter (where colour = 'GREEN') as g,"
                        + " count(*) filter (where colour = 'YELLOW') as y, count(*) filter (where colour = 'RED') as r,"
                        + " count(*) filter (where suspended_at is not null) as s from visit_light where "
                        + visible.sql() + " group by 1")
                .params(params)
                .query((rs, n) -> {
                    long[] row = now.computeIfAbsent(rs.getString(1), k -> new long[7]);
                    row[0] = rs.getLong("g");
                    row[1] = rs.getLong("y");
                    row[2] = rs.getLong("r");
                    row[6] = rs.getLong("s");
                    return row;
                })
                .list();
        jdbc.sql("select district_code, count(*) as o, count(*) filter (where due_on < :today) as late"
                        + " from visit_order where verified_at is null and " + visible.sql() + " group by 1")
                .params(params)
                .query((rs, n) -> {
                    long[] row = now.computeIfAbsent(rs.getString(1), k -> new long[7]);
                    row[3] = rs.getLong("o");
                    row[4] = rs.getLong("late");
                    return row;
                })
                .list();
        jdbc.sql("select district_code, count(*) as n from visit_talk where held_on is null and " + visible.sql()
                        + " group by 1")
                .params(params)
                .query((rs, n) -> now.computeIfAbsent(rs.getString(1), k -> new long[7])[5] = rs.getLong("n"))
                .list();
        List<Now> standing = new ArrayList<>();
        long[] total = new long[7];
        now.forEach((district, v) -> {
            standing.add(new Now(district, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
            for (int i = 0; i < 7; i++) {
                total[i] += v[i];
            }
        });
        return new Figures(
                from,
                to,
                days,
                byDay,
                standing,
                new Now(TOTAL, total[0], total[1], total[2], total[3], total[4], total[5], total[6]));
    }

    /** One enterprise's standing with its commissioners: its light (null before a first visit), open and overdue orders. */
    public record EnterpriseStanding(
            @Nullable Light light,
            @Nullable Instant lightSince,
            long openOrders,
            long overdueOrders,
            boolean suspended) {}

    @Transactional(readOnly = true)
    public EnterpriseStanding standing(Scope scope, UUID enterpriseId, String districtCode) {
        scope.check(districtCode, enterpriseId);
        long[] orders = jdbc.sql("""
                        select count(*), count(*) filter (where due_on < ?) from visit_order
                        where enterprise_id = ? and verified_at is null""")
                .params(Date.valueOf(times.today()), enterpriseId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        return jdbc.sql("select colour, since, suspended_at is not null from visit_light where enterprise_id = ?")
                .param(enterpriseId)
                .query((rs, n) -> new EnterpriseStanding(
                        Light.valueOf(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(),
                        orders[0],
                        orders[1],
                        rs.getBoolean(3)))
                .optional()
                .orElse(new EnterpriseStanding(null, null, orders[0], orders[1], false));
    }

    /** Per enterprise visited since a day, the staff on site its latest visit counted. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> staffSeen(LocalDate since) {
        Map<UUID, Long> seen = new HashMap<>();
        jdbc.sql("""
                        select distinct on (enterprise_id) enterprise_id, staff_on_site from visit
                        where visited_at >= ? order by enterprise_id, visited_at desc""")
                .param(Timestamp.from(times.startOfDay(since)))
                .query((rs, n) -> seen.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        return seen;
    }
}
