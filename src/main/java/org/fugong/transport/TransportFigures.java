package org.fugong.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.transport.internal.Bureau;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transport module's figures for the dashboard: workers expected (registered), planned on a
 * trip, arrived and handed over (to the employer or to isolation), per district and per employer,
 * within the viewer's scope.
 */
@Service
public class TransportFigures {

    /** Counts of workers for a district or an employer. */
    public record Arrivals(String key, String label, long expected, long planned, long arrived, long isolated) {}

    /** Trips by mode and status, and the workers they carry. */
    public record Trips(String mode, long planned, long frozen, long arrived, long workers) {}

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final Bureau bureau;

    TransportFigures(JdbcClient jdbc, EnterpriseDirectory enterprises, Bureau bureau) {
        this.jdbc = jdbc;
        this.bureau = bureau;
        this.enterprises = enterprises;
    }

    private static final String COUNTS = """
            with d as (select * from transport_demand d where %s),
                 p as (select l.demand_id, sum(l.workers) as planned from transport_trip_load l group by l.demand_id),
                 a as (select x.demand_id, count(*) filter (where x.status in ('RECEIVED', 'ISOLATED')) as arrived,
                              count(*) filter (where x.status = 'ISOLATED') as isolated
                       from transport_passenger x group by x.demand_id)
            select %s as key, sum(d.workers) as expected, coalesce(sum(p.planned), 0) as planned,
                   coalesce(sum(a.arrived), 0) as arrived, coalesce(sum(a.isolated), 0) as isolated
            from d left join p on p.demand_id = d.id left join a on a.demand_id = d.id
            group by 1 order by expected desc""";

    /** Per district (its code as key and label). */
    @Transactional(readOnly = true)
    public List<Arrivals> byDistrict(Scope scope) {
        var condition = bureau.where(scope, "d");
        return jdbc.sql(COUNTS.formatted(condition.sql(), "d.district_code"))
                .params(condition.parameters())
                .query((rs, n) -> new Arrivals(
                        rs.getString("key"),
                        rs.getString("key"),
                        rs.getLong("expected"),
                        rs.getLong("planned"),
                        rs.getLong("arrived"),
                        rs.getLong("isolated")))
                .list();
    }

    /** Per employer, the largest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Arrivals> byEmployer(Scope scope, int limit) {
        var condition = bureau.where(scope, "d");
        List<Arrivals> rows = jdbc.sql(COUNTS.formatted(condition.sql(), "d.enterprise_id::text") + " limit " + limit)
                .params(condition.parameters())
                .query((rs, n) -> new Arrivals(
                        rs.getString("key"),
                        "",
                        rs.getLong("expected"),
                        rs.getLong("planned"),
                        rs.getLong("arrived"),
                        rs.getLong("isolated")))
                .list();
        Map<UUID, EnterpriseSummary> names = enterprises.getAll(
                rows.stream().map(r -> UUID.fromString(r.key())).toList());
        List<Arrivals> named = new ArrayList<>();
        for (Arrivals r : rows) {
            EnterpriseSummary e = names.get(UUID.fromString(r.key()));
            named.add(new Arrivals(
                    r.key(), e == null ? r.key() : e.name(), r.expected(), r.planned(), r.arrived(), r.isolated()));
        }
        return named;
    }

    /** Trips by mode (the bureau and the city: all; others: the trips carrying their workers). */
    @Transactional(readOnly = true)
    public List<Trips> trips(Scope scope) {
        var condition = bureau.where(scope, "d");
        return jdbc.sql("""
                        select t.mode, count(*) filter (where t.status = 'PLANNED') as planned,
                               count(*) filter (where t.status = 'FROZEN') as frozen,
                               count(*) filter (where t.status = 'ARRIVED') as arrived,
                               coalesce(sum((select sum(l.workers) from transport_trip_load l where l.trip_id = t.id)), 0) as workers
                        from transport_trip t
                        where exists (select 1 from transport_trip_load l join transport_demand d on d.id = l.demand_id
                                      where l.trip_id = t.id and %s)
                        group by t.mode order by t.mode""".formatted(condition.sql()))
                .params(condition.parameters())
                .query(Trips.class)
                .list();
    }
}
