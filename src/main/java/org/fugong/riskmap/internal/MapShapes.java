package org.fugong.riskmap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.riskmap.MapUnit;
import org.fugong.shell.InvalidInputException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes the map is drawn with, as GeoJSON feature collections whose features carry the unit
 * code in {@code properties.code} (or {@code adcode}, as official Chinese GeoJSON does). The
 * project ships a tile map of the city ({@code maps/<city>.json}) and of each district's townships
 * ({@code maps/<city>-townships.json}); an official can upload the official shapes instead.
 */
@Service
public class MapShapes {

    public static final String CITY = "city";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Geography geography;
    private final MapUnits units;
    private final AuditTrail audit;
    private final Clock clock;

    MapShapes(JdbcClient jdbc, JsonMapper json, Geography geography, MapUnits units, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.geography = geography;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The shapes of the city's districts ({@link #CITY}) or of one district's townships, as GeoJSON
     * text. The city's carries a foreign member {@code fugongMarkers}: the districts without a
     * boundary in it, each with the place to mark it ({@code coord}, absent when unknown).
     */
    public String shapes(String key) {
        String geojson = jdbc.sql("select geojson from risk_map_shape where map_key = ?")
                .param(key)
                .query(String.class)
                .optional()
                .orElseGet(() -> shipped(key));
        if (!key.equals(CITY)) {
            return geojson;
        }
        ObjectNode root = (ObjectNode) json.readTree(geojson);
        Set<String> drawn = new HashSet<>();
        root.path("features").forEach(f -> drawn.add(codeOf(f)));
        JsonNode places = json.readTree(read("maps/" + geography.city().code() + "-places.json"));
        ArrayNode markers = root.putArray("fugongMarkers");
        for (MapUnit unit : units.districts()) {
            if (!drawn.contains(unit.code())) {
                ObjectNode marker = markers.addObject();
                marker.put("code", unit.code());
                marker.put("name", unit.nameZh());
                marker.put("nameEn", unit.nameEn());
                if (places.has(unit.code())) {
                    marker.set("coord", places.get(unit.code()));
                }
            }
        }
        return json.writeValueAsString(root);
    }

    /** Whether a district may lack a boundary in an uploaded file: a functional zone, which no official file has. */
    private boolean boundaryless(String code) {
        return geography
                .district(code)
                .map(d -> d.kind() == District.Kind.FUNCTIONAL_ZONE)
                .orElse(false);
    }

    /**
     * Replaces the shapes of the city or of a district with uploaded GeoJSON. Every unit of that
     * level must have a feature, except a functional zone (drawn as a marker), and every feature must
     * be a unit; otherwise nothing changes. Returns the units accepted without a boundary.
     */
    @Transactional
    public List<String> upload(String key, String geojson, String author) {
        List<String> expected = expectedCodes(key);
        JsonNode root;
        try {
            root = json.readTree(geojson);
        } catch (JacksonException e) {
            throw InvalidInputException.of("file", "riskmap.shapes.error.notJson");
        }
        if (!"FeatureCollection".equals(root.path("type").asString(""))
                || !root.path("features").isArray()) {
            throw InvalidInputException.of("file", "riskmap.shapes.error.notFeatureCollection");
        }
        Set<String> found = new HashSet<>();
        Set<String> unknown = new TreeSet<>();
        for (JsonNode feature : root.path("features")) {
            String code = codeOf(feature);
            String type = feature.path("geometry").path("type").asString("");
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                throw InvalidInputException.of("file", "riskmap.shapes.error.geometry", code);
            }
            if (expected.contains(code)) {
                found.add(code);
                ((ObjectNode) feature.path("properties")).put("code", code);
            } else {
                unknown.add(code);
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(found);
        List<String> withoutBoundary =
                key.equals(CITY) ? missing.stream().filter(this::boundaryless).toList() : List.of();
        withoutBoundary.forEach(missing::remove);
        if (!unknown.isEmpty()) {
            throw InvalidInputException.of("file", "riskmap.shapes.error.unknown", String.join(", ", unknown));
        }
        if (!missing.isEmpty()) {
            throw InvalidInputException.of("file", "riskmap.shapes.error.missing", String.join(", ", missing));
        }
        jdbc.sql("""
                        insert into risk_map_shape (map_key, geojson, uploaded_at, uploaded_by) values (?, ?, ?, ?)
                        on conflict (map_key) do update set geojson = excluded.geojson, uploaded_at = excluded.uploaded_at,
                            uploaded_by = excluded.uploaded_by""")
                .params(key, json.writeValueAsString(root), Timestamp.from(clock.instant()), author)
                .update();
        audit.record(AuditEntry.of("riskmap", "MapShapes", key, "SHAPES_UPLOADED")
                .change(null, Map.of("features", found.size(), "withoutBoundary", withoutBoundary))
                .owner(key.equals(CITY) ? null : key, null));
        return withoutBoundary;
    }

    /** Puts the shipped shapes back. */
    @Transactional
    public void reset(String key) {
        expectedCodes(key);
        if (jdbc.sql("delete from risk_map_shape where map_key = ?").param(key).update() > 0) {
            audit.record(AuditEntry.of("riskmap", "MapShapes", key, "SHAPES_RESET")
                    .owner(key.equals(CITY) ? null : key, null));
        }
    }

    private List<String> expectedCodes(String key) {
        if (key.equals(CITY)) {
            return units.districts().stream().map(MapUnit::code).toList();
        }
        if (geography.district(key).isEmpty()) {
            throw InvalidInputException.of("key", "riskmap.indicator.error.unknownUnit", key);
        }
        return units.townships(key).stream().map(MapUnit::code).toList();
    }

    private static String codeOf(JsonNode feature) {
        JsonNode properties = feature.path("properties");
        String code = properties.path("code").asString("");
        if (code.isEmpty()) {
            code = properties.path("adcode").asString("");
        }
        return code;
    }

    private String shipped(String key) {
        String city = geography.city().code();
        if (key.equals(CITY)) {
            return read("maps/" + city + ".json");
        }
        expectedCodes(key);
        JsonNode all = json.readTree(read("maps/" + city + "-townships.json"));
        ObjectNode result = json.createObjectNode();
        result.put("type", "FeatureCollection");
        ArrayNode features = result.putArray("features");
        for (JsonNode feature : all.path("features")) {
            if (key.equals(feature.path("properties").path("district").asString(""))) {
                features.add(feature);
            }
        }
        return json.writeValueAsString(result);
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing map shapes " + path, e);
        }
    }
}
