package org.fugong.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.dashboard.Electricity;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.IndexCategory;
import org.springframework.stereotype.Component;

/**
 * The grid's figures for the demo enterprises, 1 February to 31 March 2020, shaped like the published
 * recovery: each enterprise idles at a seventh of its baseline until the day it reopens, then climbs back
 * over ten days. The days of reopening follow each category's curve — large industry at a third by
 * 10 February and 95 % by the 20th (Ningbo: 95.4 % on 20 Feb), small shops slowest — so that the
 * province's figures of 10 February (19 % of enterprises, 31 % of electricity) come out near. The last
 * two weeks up to today carry recent figures, so that today's index has its electricity too.
 */
@Component
class DemoElectricity {

    static final LocalDate FIRST = LocalDate.of(2020, 2, 1);
    static final LocalDate LAST = LocalDate.of(2020, 3, 31);

    /** Day of February-March 2020 (days after 1 Feb) → share of the category reopened, interpolated. */
    private static final Map<String, int[][]> CURVES = Map.of(
            "LARGE_INDUSTRY", new int[][] {{2, 0}, {9, 40}, {19, 93}, {28, 97}, {40, 100}},
            "OTHER", new int[][] {{4, 0}, {9, 22}, {19, 60}, {29, 86}, {50, 98}},
            "SMALL", new int[][] {{6, 0}, {9, 14}, {19, 38}, {29, 66}, {59, 92}});

    private final Electricity electricity;
    private final EnterpriseDirectory enterprises;

    DemoElectricity(Electricity electricity, EnterpriseDirectory enterprises) {
        this.electricity = electricity;
        this.enterprises = enterprises;
    }

    int load(Collection<UUID> ids, LocalDate today) {
        Random random = new Random(20200210L);
        List<Electricity.Baseline> baselines = new ArrayList<>();
        List<Electricity.Reading> readings = new ArrayList<>();
        for (EnterpriseSummary e : enterprises.getAll(ids).values().stream()
                .sorted((a, b) -> a.uscc().compareTo(b.uscc()))
                .toList()) {
            double baseline = switch (e.size()) {
                case LARGE -> 20_000 + random.nextInt(40_000);
                case MEDIUM -> 3_000 + random.nextInt(5_000);
                case SMALL -> 300 + random.nextInt(700);
                case MICRO -> 30 + random.nextInt(120);
            };
            baselines.add(new Electricity.Baseline(e.uscc(), null, String.format("%.2f", baseline)));
            String curve = IndexCategory.LARGE_INDUSTRY.includes(e)
                    ? "LARGE_INDUSTRY"
                    : IndexCategory.SMALL_SHOPS.includes(e) ? "SMALL" : "OTHER";
            int reopens = reopening(CURVES.get(curve), random.nextDouble() * 100);
            for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
                int d = (int) (day.toEpochDay() - FIRST.toEpochDay());
                double share =
                        d < reopens ? 0.12 + 0.08 * random.nextDouble() : Math.min(1.0, 0.5 + 0.05 * (d - reopens));
                readings.add(reading(e, day, baseline * share * (0.92 + 0.16 * random.nextDouble())));
            }
            for (LocalDate day = today.minusDays(13); !day.isAfter(today); day = day.plusDays(1)) {
                double share = random.nextDouble() < 0.9 ? 0.8 + 0.3 * random.nextDouble() : 0.1;
                readings.add(reading(e, day, baseline * share));
            }
        }
        electricity.save(Scope.city(), readings, 1);
        electricity.saveBaselines(Scope.city(), baselines, 1);
        return readings.size();
    }

    private static Electricity.Reading reading(EnterpriseSummary e, LocalDate day, double kwh) {
        return new Electricity.Reading(e.uscc(), null, day.toString(), String.format("%.2f", kwh));
    }

    /** The day (after 1 Feb) an enterprise at this percentile of its category reopens. */
    private static int reopening(int[][] curve, double percentile) {
        for (int i = 1; i < curve.length; i++) {
            if (percentile <= curve[i][1]) {
                int[] a = curve[i - 1];
                int[] b = curve[i];
                double t = (percentile - a[1]) / Math.max(1, b[1] - a[1]);
                return (int) Math.round(a[0] + t * (b[0] - a[0]));
            }
        }
        return 1000;
    }
}
