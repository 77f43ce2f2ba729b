package org.fugong.transport.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Ningbo-sized demand for measuring the planner: 100,000 workers from 300 origin counties of the
 * provinces Ningbo's migrant workers came from, for 500 employers, wanting to arrive in waves over two
 * weeks; a fleet of 3,200 buses. Repeatable from a seed.
 */
public final class CityScale {

    /** Where Ningbo's returning workers came from in February 2020 (the charters' destinations). */
    static final Set<String> PROVINCES = Set.of(
            "340000", "520000", "410000", "360000", "510000", "430000", "420000", "500000", "450000", "320000",
            "350000");

    /** The generated demand and fleet. */
    public record Generated(List<Fleet.Vehicle> buses, List<Demand> demands, LocalDate from, LocalDate to) {
        public int workers() {
            return demands.stream().mapToInt(Demand::workers).sum();
        }
    }

    /** One employer's workers from one county in one window. */
    public record Demand(UUID id, int employer, String origin, int workers, LocalDate windowFrom, LocalDate windowTo) {}

    private CityScale() {}

    public static Generated generate(Counties counties, long seed, int workers, int origins, int employers, int buses) {
        Random random = new Random(seed);
        LocalDate from = LocalDate.of(2020, 2, 10);
        LocalDate to = from.plusDays(13);
        List<Counties.County> pool = new ArrayList<>(counties.all().stream()
                .filter(c -> PROVINCES.contains(c.provinceCode()))
                .toList());
        pool.sort(Comparator.comparing(Counties.County::code));
        List<Counties.County> chosen = new ArrayList<>();
        while (chosen.size() < origins && !pool.isEmpty()) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        // Each origin sends its workers in two or three waves (the days its charters leave).
        int[][] waves = new int[chosen.size()][];
        for (int o = 0; o < chosen.size(); o++) {
            int count = 2 + random.nextInt(2);
            waves[o] = new int[count];
            for (int w = 0; w < count; w++) {
                waves[o][w] = random.nextInt(12);
            }
        }
        // Origins weighted (some counties send many more), employers sized by a long tail.
        double[] weight = new double[chosen.size()];
        double total = 0;
        for (int o = 0; o < weight.length; o++) {
            weight[o] = Math.pow(random.nextDouble(), 2) + 0.05;
            total += weight[o];
        }
        List<Demand> demands = new ArrayList<>();
        int left = workers;
        while (left > 0) {
            int employer = (int) Math.floor(Math.pow(random.nextDouble(), 2) * employers);
            double pick = random.nextDouble() * total;
            int o = 0;
            while (o < weight.length - 1 && pick > weight[o]) {
                pick -= weight[o];
                o++;
            }
            int size = Math.min(left, 5 + random.nextInt(60));
            int wave = waves[o][random.nextInt(waves[o].length)];
            demands.add(new Demand(
                    new UUID(seed, demands.size()),
                    employer,
                    chosen.get(o).code(),
                    size,
                    from.plusDays(wave),
                    from.plusDays(Math.min(13, wave + 2))));
            left -= size;
        }
        List<Fleet.Vehicle> fleet = new ArrayList<>();
        // Origins beyond a bus crew's day (three drivers, 8 h each at 80 km/h, road 1.25 × great circle) get a
        // special train on each of their waves' second day, as Ningbo chartered trains for its farthest workers.
        for (int o = 0; o < chosen.size(); o++) {
            Counties.County county = chosen.get(o);
            double road =
                    1.25 * TripGeometry.greatCircleKm(Counties.CITY_LON, Counties.CITY_LAT, county.lon(), county.lat());
            if (road <= 3 * 8 * 80) {
                continue;
            }
            for (int wave : waves[o]) {
                LocalDate day = from.plusDays(Math.min(13, wave + 1));
                int seats = demands.stream()
                        .filter(d -> d.origin().equals(county.code())
                                && !d.windowFrom().isAfter(day)
                                && !d.windowTo().isBefore(day))
                        .mapToInt(Demand::workers)
                        .sum();
                if (seats > 0) {
                    fleet.add(new Fleet.Vehicle(
                            new UUID(seed + 2, fleet.size()),
                            "TRAIN",
                            "专列 " + county.name() + " " + day,
                            "中国铁路",
                            (seats + 99) / 100 * 100,
                            0,
                            BigDecimal.ZERO,
                            day,
                            day,
                            county.code(),
                            day));
                }
            }
        }
        for (int b = 0; b < buses; b++) {
            fleet.add(new Fleet.Vehicle(
                    new UUID(seed + 1, b),
                    "BUS",
                    "浙B" + String.format("%05d", b),
                    "宁波公运",
                    55,
                    b % 4 == 0 ? 3 : 2,
                    BigDecimal.valueOf(6),
                    from.minusDays(3),
                    to,
                    null,
                    null));
        }
        return new Generated(fleet, demands, from, to);
    }
}
