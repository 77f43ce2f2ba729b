package org.fugong.dashboard.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.dashboard.internal.IndexComputer;
import org.fugong.dashboard.internal.IndexValue;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.dashboard.internal.Snapshots;
import org.fugong.geography.Geography;
import org.fugong.riskmap.RiskMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What the dashboard, its live fragment, the wall screen and the API show of a day, limited to what
 * the reader may see: the city sees every district, a district itself and the city's totals.
 */
@Component
public class DashboardView {

    /** One district's (or the city's) line: its index of the day and, today, its figures of now. */
    public record Row(String code, String nameZh, String nameEn, IndexValue index, LiveFigures.@Nullable Live live) {

        public String name(Locale locale) {
            return locale.getLanguage().equals("zh") ? nameZh : nameEn;
        }

        public boolean city() {
            return code.equals(IndexValue.CITY);
        }
    }

    private final Snapshots snapshots;
    private final LiveFigures live;
    private final Geography geography;
    private final RiskMap riskMap;

    DashboardView(Snapshots snapshots, LiveFigures live, Geography geography, RiskMap riskMap) {
        this.snapshots = snapshots;
        this.live = live;
        this.geography = geography;
        this.riskMap = riskMap;
    }

    /** The district codes a scope sees, the city last. */
    List<String> visible(Scope scope) {
        List<String> codes = new ArrayList<>();
        for (var d : geography.districts()) {
            if (scope.permitsDistrict(d.code())) {
                codes.add(d.code());
            }
        }
        codes.add(IndexValue.CITY);
        return codes;
    }

    /** The scope of a city or district official; anyone else is refused (403). */
    static Scope officialScope(CurrentActor currentActor) {
        Scope scope = currentActor.scope();
        if (!scope.isCity() && scope.kind() != Scope.Kind.DISTRICT) {
            throw new AccessDeniedException("The dashboard and the index are for city and district officials");
        }
        return scope;
    }

    /** The rows of a day in a category, the city last. */
    List<Row> rows(Scope scope, LocalDate day, String category) {
        return rows(scope, day, snapshots.day(day), category);
    }

    /** The rows of a day's values (every district and category) in a category, the city last. */
    List<Row> rows(Scope scope, LocalDate day, List<IndexValue> values, String category) {
        List<String> visible = visible(scope);
        Map<String, IndexValue> index = new LinkedHashMap<>();
        for (IndexValue v : values) {
            if (v.category().equals(category) && visible.contains(v.districtCode())) {
                index.put(v.districtCode(), v);
            }
        }
        Map<String, LiveFigures.Live> now = day.equals(today()) ? live.all() : Map.of();
        List<Row> rows = new ArrayList<>();
        for (String code : visible) {
            IndexValue v = index.get(code);
            if (v != null) {
                rows.add(new Row(code, nameZh(code), nameEn(code), v, now.get(code)));
            }
        }
        return rows;
    }

    /** Every value of a day: every district and category. */
    List<IndexValue> values(LocalDate day) {
        return snapshots.day(day);
    }

    /** Every category's index of a district (or the city) among a day's values. */
    List<IndexValue> categories(List<IndexValue> day, String district) {
        List<IndexValue> values = new ArrayList<>();
        Map<String, IndexValue> byCategory = new LinkedHashMap<>();
        for (IndexValue v : day) {
            if (v.districtCode().equals(district)) {
                byCategory.put(v.category(), v);
            }
        }
        for (String c : IndexComputer.categories()) {
            if (byCategory.containsKey(c)) {
                values.add(byCategory.get(c));
            }
        }
        return values;
    }

    /** The composite per visible district and day, for the trend chart: day → district → value. */
    Map<LocalDate, Map<String, @Nullable Double>> trend(Scope scope, LocalDate from, LocalDate to) {
        List<String> visible = visible(scope);
        Map<LocalDate, Map<String, @Nullable Double>> trend = new LinkedHashMap<>();
        snapshots.history(from, to, IndexValue.ALL).forEach((day, values) -> {
            Map<String, @Nullable Double> byDistrict = new LinkedHashMap<>();
            for (IndexValue v : values) {
                if (visible.contains(v.districtCode())) {
                    byDistrict.put(v.districtCode(), v.composite());
                }
            }
            trend.put(day, byDistrict);
        });
        return trend;
    }

    /** The map's items: every district's colour of the day, labelled with its index where the reader sees it. */
    List<Map<String, Object>> map(Scope scope, LocalDate day, List<Row> rows, boolean zh) {
        Map<String, Row> byCode = new LinkedHashMap<>();
        rows.forEach(r -> byCode.put(r.code(), r));
        List<Map<String, Object>> items = new ArrayList<>();
        for (RiskMap.UnitColour c : riskMap.colours(day)) {
            if (c.unit().township()) {
                continue;
            }
            Row row = byCode.get(c.unit().code());
            Double composite = row == null ? null : row.index().composite();
            String name = zh ? c.unit().nameZh() : shortName(c.unit().nameEn());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", c.unit().code());
            item.put("hex", c.colour().hex());
            item.put("colour", c.colour().name());
            item.put("value", c.colour().level());
            item.put("unitName", name);
            item.put("label", composite == null ? name : name + "\n" + String.format("%.1f", composite));
            item.put("composite", composite);
            items.add(item);
        }
        return items;
    }

    LocalDate today() {
        return snapshots.today();
    }

    String nameZh(String code) {
        return code.equals(IndexValue.CITY)
                ? geography.city().nameZh()
                : geography.district(code).map(d -> d.nameZh()).orElse(code);
    }

    String nameEn(String code) {
        return code.equals(IndexValue.CITY)
                ? geography.city().nameEn()
                : geography.district(code).map(d -> d.nameEn()).orElse(code);
    }

    static String shortName(String name) {
        return name.replaceAll(" (District|County)$", "").replace("Ningbo National Hi-tech Zone", "Hi-tech Zone");
    }
}
