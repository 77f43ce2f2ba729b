package org.fugong.riskmap.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.riskmap.internal.MapShapes;
import org.fugong.riskmap.reporting.IndicatorRejectedException;
import org.fugong.riskmap.reporting.IndicatorRow;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/riskmap")
@Tag(
        name = "Risk map",
        description = "The five-colour map: colours, shapes, history, and daily figures from the health bureau")
class RiskMapApi {

    /** A unit's colour as the map draws it. */
    record MapColour(
            String code,
            String districtCode,
            String nameZh,
            String nameEn,
            RiskColour colour,
            String hex,
            int level,
            boolean overridden,
            double score) {}

    /** Figures as the health bureau sends them. */
    record Figures(
            String unitCode,
            LocalDate day,
            int newLocal,
            int newImported,
            int newAsymptomatic,
            int activeClusters,
            int cumulativeConfirmed,
            @Nullable Integer population) {}

    private final RiskMap map;
    private final RiskMapDesk desk;
    private final MapShapes shapes;
    private final CurrentActor currentActor;

    RiskMapApi(RiskMap map, RiskMapDesk desk, MapShapes shapes, CurrentActor currentActor) {
        this.map = map;
        this.desk = desk;
        this.shapes = shapes;
        this.currentActor = currentActor;
    }

    @GetMapping("/colours")
    @Operation(summary = "Colours of the districts (or of one district's townships) on a day")
    List<MapColour> colours(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @Nullable String district) {
        return map.colours(date).stream()
                .filter(c -> district == null
                        ? !c.unit().township()
                        : c.unit().township() && c.unit().districtCode().equals(district))
                .map(c -> new MapColour(
                        c.unit().code(),
                        c.unit().districtCode(),
                        c.unit().nameZh(),
                        c.unit().nameEn(),
                        c.colour(),
                        c.colour().hex(),
                        c.colour().level(),
                        c.overridden(),
                        c.score()))
                .toList();
    }

    @GetMapping(value = "/shapes/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Map shapes (GeoJSON) of the city's districts ('city') or of a district's townships")
    String shapes(@PathVariable String key) {
        return shapes.shapes(key);
    }

    @GetMapping("/history")
    @Operation(summary = "Every unit's colour for each day of a range (at most two years), for replaying")
    Map<LocalDate, Map<String, RiskColour>> history(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 731) {
            throw InvalidInputException.of("to", "riskmap.error.historySpan");
        }
        return map.history(from, to);
    }

    @PostMapping("/indicators")
    @Operation(
            summary = "Daily figures of units, all or nothing; the health bureau reports for every unit",
            description = "Send HTTP Basic credentials of a health-bureau, city or district account. "
                    + "Rejected figures answer 422 with every problem by row (1-based) and field.")
    ResponseEntity<?> report(@RequestBody List<Figures> figures) {
        List<IndicatorRow> rows = figures.stream()
                .map(f -> new IndicatorRow(
                        f.unitCode(),
                        f.day(),
                        f.newLocal(),
                        f.newImported(),
                        f.newAsymptomatic(),
                        f.activeClusters(),
                        f.cumulativeConfirmed(),
                        f.population(),
                        null))
                .toList();
        try {
            int saved = desk.report(currentActor.get(), currentActor.scope(), rows);
            return ResponseEntity.ok(Map.of("saved", saved));
        } catch (IndicatorRejectedException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("problems", e.rowProblems()));
        }
    }
}
