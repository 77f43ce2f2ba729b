package org.fugong.riskmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.fugong.IntegrationTest;
import org.fugong.riskmap.internal.ColourComputer;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.shell.Times;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prints how long the map takes on a city of 11 districts and 200 townships: recomputing one day,
 * recomputing a year, and reading a year of colours back for the replay. A program, not a test:
 * run it with {@code bench/riskmap.sh} (it is excluded from the build's tests).
 */
@Tag("benchmark")
class RiskMapBenchmark extends IntegrationTest {

    static final int TOWNSHIPS = 200;
    static final LocalDate FIRST = LocalDate.of(2021, 1, 1);
    static final LocalDate LAST = LocalDate.of(2021, 12, 31);

    @Autowired
    ColourComputer computer;

    @Autowired
    RiskMap map;

    @Autowired
    MapUnits units;

    @Autowired
    Times times;

    /** Ningbo's file with synthetic townships added until there are 200. */
    @DynamicPropertySource
    static void benchCity(DynamicPropertyRegistry registry) {
        try {
            List<String> lines = new ArrayList<>(List.of(new String(
                            RiskMapBenchmark.class
                                    .getResourceAsStream("/cities/330200-ningbo.csv")
                                    .readAllBytes(),
                            StandardCharsets.UTF_8)
                    .split("\n")));
            long townships =
                    lines.stream().filter(l -> l.startsWith("township,")).count();
            String[] districts = lines.stream()
                    .filter(l -> l.startsWith("district,"))
                    .map(l -> l.split(",")[1])
                    .toArray(String[]::new);
            for (int i = 0; townships < TOWNSHIPS; i++, townships++) {
                String district = districts[i % districts.length];
                String prefix = district.matches("\\d{6}") ? district : "330290";
                lines.add(
                        "township," + prefix + (500 + i) + "," + district + ",测试镇" + i + ",Bench Town " + i + ",TOWN");
            }
            Path file = Files.createTempFile("bench-city", ".csv");
            Files.writeString(file, String.join("\n", lines) + "\n");
            registry.add("fugong.geography.city-file", () -> "file:" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void measure() {
        List<MapUnit> all = units.all();
        long townships = all.stream().filter(MapUnit::township).count();
        loadAYearOfFigures(all);

        LocalDate day = LocalDate.of(2021, 7, 1);
        double oneDay = median(15, 5, () -> computer.recompute(day, day));
        double[] fresh = new double[5];
        for (int i = 0; i < fresh.length; i++) {
            jdbc.sql("delete from risk_colour where day between ? and ?")
                    .params(Date.valueOf(FIRST), Date.valueOf(LAST))
                    .update();
            jdbc.sql("vacuum risk_colour").update();
            long start = System.nanoTime();
            computer.recompute(FIRST, LAST);
            fresh[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(fresh);
        double freshYear = fresh[fresh.length / 2];
        System.out.printf(
                "BENCH compute a year, every colour new:  median %.1f ms (the year deleted and vacuumed before each run)%n",
                freshYear);
        double oneYear = median(5, 1, () -> computer.recompute(FIRST, LAST));
        double readYear = median(7, 2, () -> map.history(FIRST, LAST).size());
        double readDay = median(15, 5, () -> map.colours(day).size());

        System.out.printf(
                "BENCH units: %d districts, %d townships; a year = %d days%n",
                all.size() - townships, townships, LAST.getDayOfYear());
        System.out.printf("BENCH recompute one day (all units):     median %.1f ms%n", oneDay);
        System.out.printf("BENCH recompute a year already stored:   median %.1f ms%n", oneYear);
        System.out.printf("BENCH read a year of colours (history):  median %.1f ms%n", readYear);
        System.out.printf("BENCH read one day for the map (slider): median %.1f ms%n", readDay);
    }

    /** Every unit: a few cases now and then, clusters in spring, like an epidemic with waves. */
    private void loadAYearOfFigures(List<MapUnit> all) {
        var random = new Random(2021);
        List<Object[]> rows = new ArrayList<>();
        for (MapUnit unit : all) {
            int cumulative = 0;
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                if (random.nextInt(100) < 12) {
                    int local = random.nextInt(3);
                    int imported = random.nextInt(2);
                    cumulative += local + imported;
                    int clusters = d.getMonthValue() <= 3 && random.nextInt(4) == 0 ? 1 : 0;
                    rows.add(new Object[] {
                        unit.code(),
                        Date.valueOf(d),
                        unit.districtCode(),
                        local,
                        imported,
                        random.nextInt(2),
                        clusters,
                        cumulative
                    });
                }
            }
        }
        jdbc.sql("delete from risk_indicator where day between ? and ?")
                .params(Date.valueOf(FIRST), Date.valueOf(LAST))
                .update();
        for (int from = 0; from < rows.size(); from += 5000) {
            List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + 5000));
            jdbc.sql("""
                            insert into risk_indicator (unit_code, day, district_code, new_local, new_imported, new_asymptomatic,
                                active_clusters, cumulative_confirmed, updated_at, updated_by)
                            select * , now(), 'bench' from unnest(cast(:u as text[]), cast(:d as date[]), cast(:dc as text[]),
                                cast(:l as int[]), cast(:i as int[]), cast(:a as int[]), cast(:c as int[]), cast(:cu as int[]))""")
                    .param("u", batch.stream().map(r -> r[0]).toArray(String[]::new))
                    .param("d", batch.stream().map(r -> r[1]).toArray(Date[]::new))
                    .param("dc", batch.stream().map(r -> r[2]).toArray(String[]::new))
                    .param("l", batch.stream().map(r -> r[3]).toArray(Integer[]::new))
                    .param("i", batch.stream().map(r -> r[4]).toArray(Integer[]::new))
                    .param("a", batch.stream().map(r -> r[5]).toArray(Integer[]::new))
                    .param("c", batch.stream().map(r -> r[6]).toArray(Integer[]::new))
                    .param("cu", batch.stream().map(r -> r[7]).toArray(Integer[]::new))
                    .update();
        }
        System.out.printf("BENCH figures loaded: %d rows for %s .. %s%n", rows.size(), FIRST, LAST);
    }

    private static double median(int runs, int warmUp, Supplier<?> work) {
        for (int i = 0; i < warmUp; i++) {
            work.get();
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
