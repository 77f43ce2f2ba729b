package org.fugong.enterprises.applications;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndexCategory;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.PriorityCategory;
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

    /**
     * Counts of one district (or the city, {@code city}) and one category (or every enterprise,
     * {@code ALL}): enterprises, resumed, waiting for review, held (by the policy matrix, or
     * suspended), normal headcount, staff declared on site by resumed enterprises.
     */
    public record CategoryCounts(
            String districtCode,
            String category,
            long enterprises,
            long resumed,
            long pending,
            long held,
            long staff,
            long staffOnSite) {

        CategoryCounts plus(CategoryCounts other) {
            return new CategoryCounts(
                    districtCode,
                    category,
                    enterprises + other.enterprises,
                    resumed + other.resumed,
                    pending + other.pending,
                    held + other.held,
                    staff + other.staff,
                    staffOnSite + other.staffOnSite);
        }
    }

    /** The category named for every enterprise. */
    public static final String ALL = "ALL";

    /**
     * Counts per district and category, and the city's (district {@code city}) — one pass over the
     * registry grouped by what decides a category, the categories applied to the groups.
     */
    @Transactional(readOnly = true)
    public List<CategoryCounts> byCategory(Scope scope) {
        Scope.Condition scoped = scope.where("e.district_code", "e.id");
        Map<String, CategoryCounts> counts = new TreeMap<>();
        jdbc.sql("""
                        select e.district_code, e.above_scale, e.industry_section, e.priority_category, e.size,
                               count(*) as n, count(*) filter (where a.status = 'RESUMED') as resumed,
                               count(*) filter (where a.status in ('SUBMITTED', 'IN_REVIEW')) as pending,
                               count(*) filter (where a.status = 'SUSPENDED'
                                   or (a.status in ('SUBMITTED', 'IN_REVIEW') and a.policy_decision = 'HOLD')) as held,
                               coalesce(sum(e.staff_count), 0) as staff,
                               coalesce(sum(a.staff_local + a.staff_other_provinces + a.staff_risk_areas)
                                        filter (where a.status = 'RESUMED'), 0) as on_site
                        from enterprise e left join resumption_application a on a.enterprise_id = e.id and a.current
                        where""" + " " + scoped.sql() + " group by 1, 2, 3, 4, 5")
                .params(scoped.parameters())
                .query((rs, n) -> {
                    String district = rs.getString("district_code");
                    String priority = rs.getString("priority_category");
                    List<String> categories = new ArrayList<>(List.of(ALL));
                    for (IndexCategory c : IndexCategory.values()) {
                        if (c.includes(
                                rs.getBoolean("above_scale"),
                                IndustrySection.valueOf(rs.getString("industry_section")),
                                priority == null ? null : PriorityCategory.valueOf(priority),
                                EnterpriseSize.valueOf(rs.getString("size")))) {
                            categories.add(c.name());
                        }
                    }
                    for (String category : categories) {
                        for (String key : List.of(district, "city")) {
                            CategoryCounts group = new CategoryCounts(
                                    key,
                                    category,
                                    rs.getLong("n"),
                                    rs.getLong("resumed"),
                                    rs.getLong("pending"),
                                    rs.getLong("held"),
                                    rs.getLong("staff"),
                                    rs.getLong("on_site"));
                            counts.merge(key + "|" + category, group, CategoryCounts::plus);
                        }
                    }
                    return null;
                })
                .list();
        return new ArrayList<>(counts.values());
    }

    /** Per enterprise, the staff its current application declared on site if it resumed, else 0. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> declaredOnSite(Collection<UUID> enterprises) {
        Map<UUID, Long> declared = new HashMap<>();
        enterprises.forEach(id -> declared.put(id, 0L));
        if (enterprises.isEmpty()) {
            return declared;
        }
        jdbc.sql("""
                        select enterprise_id, coalesce(staff_local + staff_other_provinces + staff_risk_areas, 0)
                        from resumption_application where current and status = 'RESUMED' and enterprise_id = any(?)""")
                .param(enterprises.toArray(UUID[]::new))
                .query((rs, n) -> declared.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        return declared;
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
