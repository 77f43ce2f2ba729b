package org.fugong.dashboard.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The index of one district (or the city, {@code city}) and one category (or {@code ALL}) on one
 * day: every part with its numerator and denominator, the composite of each preset, the rules
 * version, the district's colour. Live for today, a stored snapshot for past days.
 */
public record IndexValue(
        LocalDate day,
        String districtCode,
        String category,
        Map<String, Part> parts,
        @Nullable Double stateGrid,
        @Nullable Double fugong,
        int rulesVersion,
        IndexRules.Preset shown,
        @Nullable String colour,
        @Nullable LocalDate electricityDay,
        boolean live) {

    public static final String CITY = "city";
    public static final String ALL = "ALL";

    /** The parts in the order they are shown. */
    public static final List<String> PARTS =
            List.of("RESUMED", "ELECTRICITY_RESUMED", "PRODUCTION", "STAFF", "ARRIVALS", "PROBLEMS", "GREEN");

    /** A part: numerator ÷ denominator, no value without a denominator. */
    public record Part(String key, double numerator, double denominator) {

        public @Nullable Double value() {
            return denominator > 0 ? numerator / denominator : null;
        }
    }

    /** The parts in the order they are shown (a stored value keeps them in whatever order). */
    public List<Part> orderedParts() {
        List<Part> ordered = new ArrayList<>();
        for (String key : PARTS) {
            if (parts.containsKey(key)) {
                ordered.add(parts.get(key));
            }
        }
        return ordered;
    }

    /** The composite of the preset the rules show. */
    public @Nullable Double composite() {
        return shown == IndexRules.Preset.STATE_GRID ? stateGrid : fugong;
    }

    public @Nullable Double value(String part) {
        Part p = parts.get(part);
        return p == null ? null : p.value();
    }

    /** R = (0.5 × production + 0.5 × resumed by electricity) × 100, when both have data. */
    static @Nullable Double stateGrid(Map<String, Part> parts) {
        Part production = parts.get("PRODUCTION");
        Part resumed = parts.get("ELECTRICITY_RESUMED");
        if (production == null || resumed == null || production.value() == null || resumed.value() == null) {
            return null;
        }
        return round(50 * production.value() + 50 * resumed.value());
    }

    /** The weighted mean of the weighed parts that have data, their weights scaled to one, × 100. */
    static @Nullable Double fugong(Map<String, Part> parts, Map<String, Double> weights) {
        double sum = 0;
        double weight = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            Part p = parts.get(w.getKey());
            if (p != null && p.value() != null && w.getValue() > 0) {
                sum += w.getValue() * Math.min(1, p.value());
                weight += w.getValue();
            }
        }
        return weight == 0 ? null : round(100 * sum / weight);
    }

    /** The share of the weights that had data (1 when every weighed part had). */
    public double weightCovered(Map<String, Double> weights) {
        double all = 0;
        double covered = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            all += w.getValue();
            if (value(w.getKey()) != null) {
                covered += w.getValue();
            }
        }
        return all == 0 ? 0 : covered / all;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static IndexValue of(
            LocalDate day,
            String district,
            String category,
            Map<String, Part> parts,
            IndexRules.Rules rules,
            @Nullable String colour,
            @Nullable LocalDate electricityDay,
            boolean live) {
        Map<String, Part> ordered = new LinkedHashMap<>();
        for (String key : PARTS) {
            if (parts.containsKey(key)) {
                ordered.put(key, parts.get(key));
            }
        }
        return new IndexValue(
                day,
                district,
                category,
                ordered,
                stateGrid(ordered),
                fugong(ordered, rules.weights()),
                rules.version(),
                rules.shown(),
                colour,
                electricityDay,
                live);
    }
}
