package org.fugong.transport.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The county-level units of China (GB/T 2260) with their centroids: where workers come from. Loaded
 * from {@code transport/china-counties.csv}, derived from OpenStreetMap (© OpenStreetMap
 * contributors, ODbL 1.0).
 */
@Component
public class Counties {

    /** A county-level unit: its code, province, prefecture (empty for a municipality's district), name and centroid. */
    public record County(
            String code, String province, String prefecture, String name, String pinyin, double lon, double lat) {

        /** Province, prefecture and county, as people write it. */
        public String fullName() {
            return province + (prefecture.isEmpty() ? "" : prefecture) + name;
        }

        public String provinceCode() {
            return code.substring(0, 2) + "0000";
        }
    }

    /** Ningbo's centre (the Drum Tower, 鼓楼), where a trip ends when its destination is unknown. */
    public static final double CITY_LON = 121.5440;

    public static final double CITY_LAT = 29.8746;

    private final Map<String, County> byCode;
    private final Map<String, String> provinces;
    private final List<double[]> centroids;

    Counties() {
        this(new ClassPathResource("transport/china-counties.csv"));
    }

    Counties(ClassPathResource resource) {
        Map<String, County> counties = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                County county = new County(
                        row.get("code"),
                        row.get("province"),
                        row.get("prefecture"),
                        row.get("county"),
                        row.get("pinyin"),
                        Double.parseDouble(row.get("lon")),
                        Double.parseDouble(row.get("lat")));
                counties.put(county.code(), county);
                names.putIfAbsent(county.provinceCode(), county.province());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byCode = Collections.unmodifiableMap(counties);
        this.provinces = Collections.unmodifiableMap(names);
        this.centroids = counties.values().stream()
                .map(c -> new double[] {c.lon(), c.lat()})
                .toList();
    }

    public Optional<County> find(@Nullable String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.trim()));
    }

    public County get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("No county " + code));
    }

    public List<County> all() {
        return List.copyOf(byCode.values());
    }

    /** Every county's centroid (longitude, latitude): the outline of China the flow map draws as dots. */
    public List<double[]> centroids() {
        return centroids;
    }

    public Map<String, String> provinces() {
        return provinces;
    }

    /** Counties whose code, name, prefecture or pinyin contains the text, at most {@code limit}. */
    public List<County> search(String text, int limit) {
        String q = text.trim().toLowerCase(Locale.ROOT);
        List<County> found = new ArrayList<>();
        if (q.isEmpty()) {
            return found;
        }
        for (County c : byCode.values()) {
            if (c.code().startsWith(q)
                    || c.name().contains(q)
                    || c.prefecture().contains(q)
                    || c.fullName().contains(q)
                    || c.pinyin().toLowerCase(Locale.ROOT).contains(q)) {
                found.add(c);
                if (found.size() >= limit) {
                    break;
                }
            }
        }
        return found;
    }
}
