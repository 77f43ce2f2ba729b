package org.fugong.dashboard.internal;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.IndexCategory;
import org.fugong.enterprises.applications.ResumptionFigures;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.CodeFigures;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.tickets.TicketFigures;
import org.fugong.transport.TransportFigures;
import org.fugong.visits.VisitFigures;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the index of a day for every district, the city and every category, from the
 * modules' APIs and the module's own electricity figures. Live (today) it takes the registry, the
 * transport and the health codes as they are now; for a past day only what is dated: electricity,
 * problems filed that week, the risk colours.
 */
@Service
public class IndexComputer {

    /** How many days back the latest electricity figures may be and still count for a day. */
    static final int ELECTRICITY_DAYS = 7;

    private final JdbcClient jdbc;
    private final IndexRules rules;
    private final Geography geography;
    private final ResumptionFigures resumption;
    private final TransportFigures transport;
    private final TicketFigures tickets;
    private final CodeFigures codes;
    private final RiskMap riskMap;
    private final VisitFigures visits;
    private final EnterpriseDirectory enterprises;

    IndexComputer(
            JdbcClient jdbc,
            IndexRules rules,
            Geography geography,
            ResumptionFigures resumption,
            TransportFigures transport,
            TicketFigures tickets,
            CodeFigures codes,
            RiskMap riskMap,
            VisitFigures visits,
            EnterpriseDirectory enterprises) {
        this.visits = visits;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
        this.rules = rules;
        this.geography = geography;
        this.resumption = resumption;
        this.transport = transport;
        this.tickets = tickets;
        this.codes = codes;
        this.riskMap = riskMap;
    }

    /**
     * What only exists as it is now: the registry's counts (the costly part at a city's scale, so
     * the caller keeps them until an application changes), the health codes, the arrivals.
     */
    public record Now(
            List<ResumptionFigures.CategoryCounts> counts,
            CodeFigures.Figures codes,
            List<TransportFigures.Arrivals> arrivals,
            Grid grid) {}

    /** One district's (or the city's) and category's electricity counts. */
    public record GridRow(String district, String category, long meters, long resumed, double used, double baseline) {}

    /**
     * The electricity parts of a day: the counts of the latest day with figures in the week up to it
     * (that day, null when there is none) at a threshold. Costly at a city's scale, so the live
     * figures keep them until the grid sends figures again.
     */
    public record Grid(LocalDate asOf, @Nullable LocalDate day, double threshold, List<GridRow> rows) {}

    /**
     * The registry's counts, with the staff on site of each enterprise taken from the freshest
     * evidence: its latest visit of the last week where there is one (else what its resumed
     * application declared), or the consenting staff its gates scanned today if they are more.
     */
    @Transactional(readOnly = true)
    public List<ResumptionFigures.CategoryCounts> registry(LocalDate today, Instant dayStart, Instant now) {
        List<ResumptionFigures.CategoryCounts> counts = resumption.byCategory(Scope.city());
        Map<UUID, Long> seen = visits.staffSeen(today.minusDays(STAFF_EVIDENCE_DAYS - 1));
        Map<UUID, Long> scanned = codes.staffScanned(dayStart, now);
        Set<UUID> ids = new HashSet<>(seen.keySet());
        ids.addAll(scanned.keySet());
        if (ids.isEmpty()) {
            return counts;
        }
        Map<UUID, Long> declared = resumption.declaredOnSite(ids);
        Map<String, Long> delta = new HashMap<>();
        enterprises.getAll(ids).forEach((id, e) -> {
            long before = declared.getOrDefault(id, 0L);
            long after = Math.max(seen.getOrDefault(id, before), scanned.getOrDefault(id, 0L));
            if (after == before) {
                return;
            }
            List<String> categories = new ArrayList<>(List.of(IndexValue.ALL));
            IndexCategory.of(e).forEach(c -> categories.add(c.name()));
            for (String category : categories) {
                delta.merge(e.districtCode() + "|" + category, after - before, Long::sum);
                delta.merge(IndexValue.CITY + "|" + category, after - before, Long::sum);
            }
        });
        List<ResumptionFigures.CategoryCounts> adjusted = new ArrayList<>();
        for (ResumptionFigures.CategoryCounts c : counts) {
            long d = delta.getOrDefault(c.districtCode() + "|" + c.category(), 0L);
            adjusted.add(
                    d == 0
                            ? c
                            : new ResumptionFigures.CategoryCounts(
                                    c.districtCode(),
                                    c.category(),
                                    c.enterprises(),
                                    c.resumed(),
                                    c.pending(),
                                    c.held(),
                                    c.staff(),
                                    Math.max(0, c.staffOnSite() + d)));
        }
        return adjusted;
    }

    /** How far back a commissioner's count of staff on site still counts. */
    static final int STAFF_EVIDENCE_DAYS = 7;

    @Transactional(readOnly = true)
    public Now now(List<ResumptionFigures.CategoryCounts> registry, Grid grid, Instant dayStart, Instant dayEnd) {
        return new Now(registry, codes.figures(dayStart, dayEnd), transport.byDistrict(Scope.city()), grid);
    }

    /** The keys of every district and the city. */
    public List<String> districts() {
        List<String> keys = new ArrayList<>();
        geography.districts().stream().map(District::code).forEach(keys::add);
        keys.add(IndexValue.CITY);
        return keys;
    }

    public static List<String> categories() {
        List<String> categories = new ArrayList<>(List.of(IndexValue.ALL));
        for (IndexCategory c : IndexCategory.values()) {
            categories.add(c.name());
        }
        return categories;
    }

    /**
     * Every district's and the city's index for a day, each category. {@code now} is given for
     * a live day (today), null for a past day.
     */
    @Transactional(readOnly = true)
    public List<IndexValue> compute(LocalDate day, @Nullable Now now) {
        IndexRules.Rules applied = rules.on(day);
        boolean live = now != null;
        Map<String, Map<String, IndexValue.Part>> parts = new HashMap<>();
        Grid grid = now != null && now.grid().asOf().equals(day) && now.grid().threshold() == applied.threshold()
                ? now.grid()
                : grid(day, applied.threshold());
        for (GridRow row : grid.rows()) {
            Map<String, IndexValue.Part> p = at(parts, row.district(), row.category());
            p.put("ELECTRICITY_RESUMED", new IndexValue.Part("ELECTRICITY_RESUMED", row.resumed(), row.meters()));
            p.put("PRODUCTION", new IndexValue.Part("PRODUCTION", row.used(), row.baseline()));
        }
        LocalDate electricityDay = grid.day();
        if (now != null) {
            for (ResumptionFigures.CategoryCounts c : now.counts()) {
                Map<String, IndexValue.Part> p = at(parts, c.districtCode(), c.category());
                p.put("RESUMED", new IndexValue.Part("RESUMED", c.resumed(), c.enterprises()));
                p.put("STAFF", new IndexValue.Part("STAFF", c.staffOnSite(), c.staff()));
            }
            long expected = 0;
            long arrived = 0;
            for (TransportFigures.Arrivals a : now.arrivals()) {
                at(parts, a.key(), IndexValue.ALL)
                        .put("ARRIVALS", new IndexValue.Part("ARRIVALS", a.arrived(), a.expected()));
                expected += a.expected();
                arrived += a.arrived();
            }
            at(parts, IndexValue.CITY, IndexValue.ALL)
                    .put("ARRIVALS", new IndexValue.Part("ARRIVALS", arrived, expected));
            CodeFigures.Figures figures = now.codes();
            for (String district : districts()) {
                at(parts, district, IndexValue.ALL)
                        .put(
                                "GREEN",
                                new IndexValue.Part("GREEN", figures.codes().get(CodeColour.GREEN), figures.total()));
            }
        }
        TicketFigures.Figures week = tickets.figures(Scope.city(), day.minusDays(6), day);
        for (TicketFigures.Row row : week.districts()) {
            at(parts, row.key(), IndexValue.ALL)
                    .put("PROBLEMS", new IndexValue.Part("PROBLEMS", row.resolvedOnTime(), row.filed()));
        }
        at(parts, IndexValue.CITY, IndexValue.ALL)
                .put(
                        "PROBLEMS",
                        new IndexValue.Part(
                                "PROBLEMS",
                                week.total().resolvedOnTime(),
                                week.total().filed()));
        Map<String, String> colours = new HashMap<>();
        RiskColour worst = RiskColour.GREEN;
        for (RiskMap.UnitColour c : riskMap.colours(day)) {
            if (!c.unit().township()) {
                colours.put(c.unit().code(), c.colour().name());
                if (c.colour().level() > worst.level()) {
                    worst = c.colour();
                }
            }
        }
        colours.put(IndexValue.CITY, worst.name());
        List<IndexValue> values = new ArrayList<>();
        for (String district : districts()) {
            for (String category : categories()) {
                values.add(IndexValue.of(
                        day,
                        district,
                        category,
                        parts.getOrDefault(district + "|" + category, Map.of()),
                        applied,
                        colours.get(district),
                        electricityDay,
                        live));
            }
        }
        return values;
    }

    private static Map<String, IndexValue.Part> at(
            Map<String, Map<String, IndexValue.Part>> parts, String district, String category) {
        return parts.computeIfAbsent(district + "|" + category, k -> new HashMap<>());
    }

    /** The electricity counts of the latest day with figures in the week up to {@code day}. */
    @Transactional(readOnly = true)
    public Grid grid(LocalDate day, double threshold) {
        LocalDate latest = jdbc.sql(
                        "select day from dashboard_electricity where day between ? and ? order by day desc limit 1")
                .params(Date.valueOf(day.minusDays(ELECTRICITY_DAYS - 1)), Date.valueOf(day))
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (latest == null) {
            return new Grid(day, null, threshold, List.of());
        }
        List<GridRow> rows = jdbc.sql("""
                        select coalesce(m.district_code, 'city') as district, c.cat, count(*) as meters,
                               count(*) filter (where x.kwh >= ? * m.baseline_kwh) as resumed,
                               coalesce(sum(x.kwh), 0) as used, sum(m.baseline_kwh) as baseline
                        from dashboard_meter m
                        left join dashboard_electricity x on x.enterprise_id = m.enterprise_id and x.day = ?
                        cross join lateral unnest(array['ALL']::text[] || m.categories) as c(cat)
                        where m.baseline_kwh is not null
                        group by grouping sets ((m.district_code, c.cat), (c.cat))""")
                .params(threshold, Date.valueOf(latest))
                .query((rs, n) -> new GridRow(
                        rs.getString("district"),
                        rs.getString("cat"),
                        rs.getLong("meters"),
                        rs.getLong("resumed"),
                        rs.getDouble("used"),
                        rs.getDouble("baseline")))
                .list();
        return new Grid(day, latest, threshold, rows);
    }
}
