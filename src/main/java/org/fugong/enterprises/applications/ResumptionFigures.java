package org.fugong.enterprises.applications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fugong.access.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the resumption index, per district and for the city: enterprises by the status of
 * their latest application, the above-scale resumption rate, staff back on site against total
 * staff. Counted from the registry and the applications whenever asked.
 */
@Service
public class ResumptionFigures {

    /** The status key of enterprises that have not filed. */
    public static final String NOT_FILED = "NOT_FILED";

    public record Figures(
            String districtCode,
            long enterprises,
            Map<String, Long> byStatus,
            long aboveScale,
            long aboveScaleResumed,
            long staff,
            long staffOnSite) {

        public long resumed() {
            return byStatus.getOrDefault(ApplicationStatus.RESUMED.name(), 0L);
        }

        public double resumptionRate() {
            return enterprises == 0 ? 0 : (double) resumed() / enterprises;
        }

        public double aboveScaleResumptionRate() {
            return aboveScale == 0 ? 0 : (double) aboveScaleResumed / aboveScale;
        }

        public double staffRate() {
            return staff == 0 ? 0 : (double) staffOnSite / staff;
        }
    }

    /** The districts in scope, and their sum (district code "city"). */
    public record CityFigures(List<Figures> districts, Figures total) {}

    private final JdbcClient jdbc;

    ResumptionFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public CityFigures figures(Scope scope) {
        Scope.Condition scoped = scope.where("e.district_code", "e.id");
        Map<String, Figures> districts = new TreeMap<>();
        jdbc.sql("""
                        select e.district_code, coalesce(a.status, 'NOT_FILED') as status, count(*) as n,
                               count(*) filter (where e.above_scale) as above,
                               coalesce(sum(e.staff_count), 0) as staff,
                               coalesce(sum(a.staff_local + a.staff_other_provinces + a.staff_risk_areas)
                                        filter (where a.status = 'RESUMED'), 0) as on_site
                        from enterprise e left join resumption_application a on a.enterprise_id = e.id and a.current
                        where""" + " " + scoped.sql() + " group by 1, 2")
                .params(scoped.parameters())
                .query((rs, n) -> {
                    String district = rs.getString("district_code");
                    String status = rs.getString("status");
                    long count = rs.getLong("n");
                    long above = rs.getLong("above");
                    Figures was = districts.getOrDefault(district, empty(district));
                    Map<String, Long> byStatus = new LinkedHashMap<>(was.byStatus());
                    byStatus.merge(status, count, Long::sum);
                    districts.put(
                            district,
                            new Figures(
                                    district,
                                    was.enterprises() + count,
                                    byStatus,
                                    was.aboveScale() + above,
                                    was.aboveScaleResumed()
                                            + (status.equals(ApplicationStatus.RESUMED.name()) ? above : 0),
                                    was.staff() + rs.getLong("staff"),
                                    was.staffOnSite() + rs.getLong("on_site")));
                    return null;
                })
                .list();
        Figures total = empty("city");
        for (Figures f : districts.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>(total.byStatus());
            f.byStatus().forEach((status, count) -> byStatus.merge(status, count, Long::sum));
            total = new Figures(
                    "city",
                    total.enterprises() + f.enterprises(),
                    byStatus,
                    total.aboveScale() + f.aboveScale(),
                    total.aboveScaleResumed() + f.aboveScaleResumed(),
                    total.staff() + f.staff(),
                    total.staffOnSite() + f.staffOnSite());
        }
        return new CityFigures(new ArrayList<>(districts.values()), total);
    }

    private static Figures empty(String district) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put(NOT_FILED, 0L);
        for (ApplicationStatus status : ApplicationStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        return new Figures(district, 0, byStatus, 0, 0, 0, 0);
    }
}
