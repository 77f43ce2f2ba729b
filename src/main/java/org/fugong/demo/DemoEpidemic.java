package org.fugong.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Township;
import org.fugong.riskmap.reporting.IndicatorRow;

/**
 * Daily figures for February and March 2020 shaped like Ningbo's epidemic: 157 confirmed cases,
 * about half of them reported by 1 February, most of the rest in the first three weeks of
 * February, clusters in Yinzhou and Haishu, and two imported cases in March. Figures are made per
 * township and summed into their district, so the two levels agree.
 */
final class DemoEpidemic {

    static final LocalDate FIRST_DAY = LocalDate.of(2020, 2, 1);

    /** Final cumulative cases per district (157 in all). */
    static final Map<String, Integer> TOTALS = Map.ofEntries(
            Map.entry("330212", 52),
            Map.entry("330203", 22),
            Map.entry("330205", 14),
            Map.entry("330206", 10),
            Map.entry("330211", 9),
            Map.entry("330213", 8),
            Map.entry("330225", 7),
            Map.entry("330226", 10),
            Map.entry("330281", 11),
            Map.entry("330282", 12),
            Map.entry("330200-GX", 2));
    /** Active clusters per district and the last day they were active. */
    static final Map<String, Object[]> CLUSTERS = Map.of(
            "330212", new Object[] {2, LocalDate.of(2020, 2, 12)},
            "330203", new Object[] {1, LocalDate.of(2020, 2, 8)});
    /** Imported cases in March: district, township index, day. */
    static final List<Object[]> MARCH_IMPORTS = List.<Object[]>of(
            new Object[] {"330206", 0, LocalDate.of(2020, 3, 5)}, new Object[] {"330226", 2, LocalDate.of(2020, 3, 9)});

    private DemoEpidemic() {}

    static List<IndicatorRow> figures(Geography geography) {
        var random = new Random(20200301L);
        // township code -> day -> {local, imported, asymptomatic, clusters, cumulative}
        Map<String, Map<LocalDate, int[]>> townships = new LinkedHashMap<>();
        for (District district : geography.districts()) {
            List<Township> all = geography.townships(district.code());
            int total = TOTALS.getOrDefault(district.code(), 0);
            int march = (int) MARCH_IMPORTS.stream()
                    .filter(m -> m[0].equals(district.code()))
                    .count();
            int february = total - march;
            if (february <= 0 || all.isEmpty()) {
                continue;
            }
            int affectedCount = Math.min(all.size(), Math.max(1, february / 8));
            List<Township> affected = all.subList(0, affectedCount);
            int baseline = february * 45 / 100;
            int[] perTownship = new int[affectedCount];
            for (int i = 0; i < baseline; i++) {
                perTownship[i % affectedCount]++;
            }
            for (int t = 0; t < affectedCount; t++) {
                Map<LocalDate, int[]> days =
                        townships.computeIfAbsent(affected.get(t).code(), k -> new LinkedHashMap<>());
                days.put(FIRST_DAY, new int[] {0, 0, 0, 0, perTownship[t]});
            }
            // The rest over the first three weeks of February, fewer each day.
            int remaining = february - baseline;
            LocalDate day = FIRST_DAY;
            while (remaining > 0) {
                int today = Math.max(1, (int) Math.round(remaining * 0.22));
                today = Math.min(today, remaining);
                for (int c = 0; c < today; c++) {
                    Township t = affected.get(random.nextInt(affectedCount));
                    int[] row = townships.get(t.code()).computeIfAbsent(day, d -> new int[5]);
                    if (random.nextInt(100) < 70) {
                        row[0]++;
                    } else {
                        row[1]++;
                    }
                }
                if (random.nextInt(100) < 30) {
                    Township t = affected.get(random.nextInt(affectedCount));
                    townships.get(t.code()).computeIfAbsent(day, d -> new int[5])[2]++;
                }
                remaining -= today;
                day = day.plusDays(1 + random.nextInt(2));
            }
            Object[] cluster = CLUSTERS.get(district.code());
            if (cluster != null) {
                String first = affected.get(0).code();
                townships.get(first).computeIfAbsent(FIRST_DAY, d -> new int[5])[3] = (int) cluster[0];
                // -1 marks the day the clusters are reported over (0 would read as "unchanged").
                townships.get(first).computeIfAbsent(((LocalDate) cluster[1]).plusDays(1), d -> new int[5])[3] = -1;
            }
        }
        for (Object[] imported : MARCH_IMPORTS) {
            Township t = geography.townships((String) imported[0]).get((int) imported[1]);
            townships.computeIfAbsent(t.code(), k -> new LinkedHashMap<>())
                    .computeIfAbsent((LocalDate) imported[2], d -> new int[5])[1]++;
        }
        return rows(geography, townships);
    }

    /** Township rows with running cumulative figures and clusters, and district rows that sum them. */
    private static List<IndicatorRow> rows(Geography geography, Map<String, Map<LocalDate, int[]>> townships) {
        List<IndicatorRow> rows = new ArrayList<>();
        Map<String, Map<LocalDate, int[]>> districts = new LinkedHashMap<>();
        for (var entry : townships.entrySet()) {
            Township township = geography.township(entry.getKey()).orElseThrow();
            int cumulative = 0;
            int clusters = 0;
            for (var day : entry.getValue().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .toList()) {
                int[] f = day.getValue();
                cumulative += f[4] + f[0] + f[1];
                clusters = f[3] == -1 ? 0 : f[3] > 0 ? f[3] : clusters;
                rows.add(new IndicatorRow(
                        township.code(), day.getKey(), f[0], f[1], f[2], clusters, cumulative, null, null));
                int[] d = districts
                        .computeIfAbsent(township.districtCode(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(day.getKey(), k -> new int[3]);
                d[0] += f[0];
                d[1] += f[1];
                d[2] += f[2];
            }
        }
        for (var entry : districts.entrySet()) {
            List<Township> own = geography.townships(entry.getKey());
            for (LocalDate day : entry.getValue().keySet().stream().sorted().toList()) {
                int[] d = entry.getValue().get(day);
                int cumulative = 0;
                int clusters = 0;
                for (Township t : own) {
                    int[] latest = latestOnOrBefore(rows, t.code(), day);
                    cumulative += latest[0];
                    clusters += latest[1];
                }
                rows.add(new IndicatorRow(entry.getKey(), day, d[0], d[1], d[2], clusters, cumulative, null, null));
            }
        }
        return rows;
    }

    private static int[] latestOnOrBefore(List<IndicatorRow> rows, String unit, LocalDate day) {
        IndicatorRow latest = null;
        for (IndicatorRow row : rows) {
            if (row.unitCode().equals(unit)
                    && !row.day().isAfter(day)
                    && (latest == null || row.day().isAfter(latest.day()))) {
                latest = row;
            }
        }
        return latest == null ? new int[] {0, 0} : new int[] {latest.cumulativeConfirmed(), latest.activeClusters()};
    }
}
