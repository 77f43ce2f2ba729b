package org.fugong.tickets;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's figures for the command center and the dashboard, within what the reader may see:
 * per handling unit, per district and per day — backlog, overdue, SLA compliance (resolved within
 * the time limit), median hours to resolve, reminder notices, escalations, supervision and
 * satisfaction at the follow-up call.
 */
@Service
public class TicketFigures {

    /** One row of figures for a unit, a district or a day. */
    public record Row(
            String key,
            long filed,
            long open,
            long overdue,
            long resolved,
            long resolvedOnTime,
            @Nullable Double medianHoursToResolve,
            long reminders,
            long escalations,
            long supervisions,
            long followUps,
            long satisfied) {

        /** Share of resolved tickets settled within their time limit; null when none was resolved. */
        public @Nullable Double compliance() {
            return resolved == 0 ? null : (double) resolvedOnTime / resolved;
        }

        public @Nullable Double satisfaction() {
            return followUps == 0 ? null : (double) satisfied / followUps;
        }
    }

    public record Figures(
            LocalDate from, LocalDate to, List<Row> units, List<Row> districts, List<Row> days, Row total) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Times times;

    TicketFigures(JdbcClient jdbc, Clock clock, Times times) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.times = times;
    }

    /** Figures of the tickets filed in [from, to] (city days), that the actor may see. */
    @Transactional(readOnly = true)
    public Figures figures(Scope scope, LocalDate from, LocalDate to) {
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("from", Date.valueOf(from));
        params.put("to", Date.valueOf(to));
        params.put("now", Timestamp.from(clock.instant()));
        params.put("zone", times.zone().getId());
        String base = """
                with t as (
                    select t.*, (t.filed_at at time zone :zone)::date as day
                    from ticket t
                    where\s""" + visible.sql() + " " + """
                     and (t.filed_at at time zone :zone)::date between :from and :to),
                ev as (
                    select ev.ticket_id,
                           count(*) filter (where ev.kind = 'REMINDER_ISSUED') as reminders,
                           count(*) filter (where ev.kind = 'ESCALATED') as escalations,
                           count(*) filter (where ev.kind = 'SUPERVISED') as supervisions,
                           count(*) filter (where ev.kind like 'FOLLOW_UP_%%') as follow_ups,
                           count(*) filter (where ev.kind = 'FOLLOW_UP_SATISFIED') as satisfied
                    from ticket_event ev join t on t.id = ev.ticket_id group by ev.ticket_id)
                select %s as key, count(*) as filed,
                       count(*) filter (where t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')) as open,
                       count(*) filter (where t.status in ('NEW', 'IN_PROGRESS') and t.solution_due < :now) as overdue,
                       count(*) filter (where t.resolved_at is not null) as resolved,
                       count(*) filter (where t.resolved_at is not null and not t.resolved_late) as on_time,
                       percentile_cont(0.5) within group (order by extract(epoch from t.resolved_at - t.filed_at) / 3600)
                           filter (where t.resolved_at is not null) as median_hours,
                       coalesce(sum(ev.reminders), 0) as reminders, coalesce(sum(ev.escalations), 0) as escalations,
                       coalesce(sum(ev.supervisions), 0) as supervisions, coalesce(sum(ev.follow_ups), 0) as follow_ups,
                       coalesce(sum(ev.satisfied), 0) as satisfied
                from t left join ev on ev.ticket_id = t.id
                group by 1 order by 1""";
        List<Row> units = rows(base.formatted("t.unit_code"), params);
        List<Row> districts = rows(base.formatted("t.district_code"), params);
        List<Row> days = rows(base.formatted("t.day::text"), params);
        List<Row> total = rows(base.formatted("'total'"), params);
        return new Figures(
                from,
                to,
                units,
                districts,
                days,
                total.isEmpty() ? new Row("total", 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0) : total.get(0));
    }

    private List<Row> rows(String sql, Map<String, Object> params) {
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getString("key"),
                        rs.getLong("filed"),
                        rs.getLong("open"),
                        rs.getLong("overdue"),
                        rs.getLong("resolved"),
                        rs.getLong("on_time"),
                        rs.getObject("median_hours") == null ? null : rs.getDouble("median_hours"),
                        rs.getLong("reminders"),
                        rs.getLong("escalations"),
                        rs.getLong("supervisions"),
                        rs.getLong("follow_ups"),
                        rs.getLong("satisfied")))
                .list();
    }

    /** A ticket escalated to the command center or a supervisor, for the wall screen and the brief. */
    public record Escalation(
            UUID ticketId, long number, String title, String districtCode, String unitCode, Instant at) {}

    /** The latest escalations of tickets the reader may see, newest first. */
    @Transactional(readOnly = true)
    public List<Escalation> latestEscalations(Scope scope, int limit) {
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        return jdbc.sql("""
                        select t.id, t.number, t.title, t.district_code, t.unit_code, ev.at
                        from ticket_event ev join ticket t on t.id = ev.ticket_id
                        where ev.kind = 'ESCALATED' and\s""" + visible.sql() + " order by ev.at desc, ev.id desc limit " + limit)
                .params(visible.parameters())
                .query((rs, n) -> new Escalation(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** One of an enterprise's tickets, for its home page. */
    public record Mine(
            UUID id,
            long number,
            String title,
            String status,
            @Nullable Instant solutionDue,
            boolean overdue) {}

    /** An enterprise's tickets that are not closed, the most urgent first (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<Mine> openOf(Scope scope, UUID enterpriseId, int limit) {
        if (!scope.owns(enterpriseId) && !scope.isCity()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        select id, number, title, status, solution_due,
                               status in ('NEW', 'IN_PROGRESS') and solution_due < ? as overdue
                        from ticket where enterprise_id = ? and status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE', 'RESOLVED')
                        order by overdue desc, solution_due nulls last limit\s""" + limit)
                .params(now, enterpriseId)
                .query((rs, n) -> new Mine(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6)))
                .list();
    }

    /** How many overdue tickets each of these enterprises has now (enterprises with none are absent). */
    @Transactional(readOnly = true)
    public Map<UUID, Long> overdueByEnterprise(Collection<UUID> enterprises) {
        if (enterprises.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> overdue = new HashMap<>();
        jdbc.sql("""
                        select enterprise_id, count(*) as n from ticket
                        where enterprise_id = any(?) and status in ('NEW', 'IN_PROGRESS') and solution_due < ?
                        group by enterprise_id""")
                .params(enterprises.toArray(UUID[]::new), Timestamp.from(clock.instant()))
                .query((rs, n) -> overdue.put(rs.getObject("enterprise_id", UUID.class), rs.getLong("n")))
                .list();
        return overdue;
    }
}
