package org.fugong.riskmap.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.riskmap.MapUnit;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.riskmap.internal.RuleBook;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The map page, its table view, a unit's explanation, and the CSV export. */
@Controller
class RiskMapController {

    private final RiskMap map;
    private final MapUnits units;
    private final RuleBook rules;
    private final CurrentActor currentActor;
    private final Times times;

    RiskMapController(RiskMap map, MapUnits units, RuleBook rules, CurrentActor currentActor, Times times) {
        this.map = map;
        this.units = units;
        this.rules = rules;
        this.currentActor = currentActor;
        this.times = times;
    }

    /**
     * The map on a day, with a slider over a window of days: by default the last 60 days, or the
     * 30 days either side of a chosen day, or a chosen period (from/to).
     */
    @GetMapping("/riskmap")
    String page(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            Model model) {
        LocalDate today = times.today();
        LocalDate end = to != null
                ? to
                : date != null
                        ? date.plusDays(30)
                        : from != null ? from.plusMonths(2).minusDays(1) : today;
        if (end.isAfter(today)) {
            end = today;
        }
        LocalDate start = from != null ? from : date != null ? date.minusDays(30) : end.minusDays(59);
        if (!start.isBefore(end) || ChronoUnit.DAYS.between(start, end) > 731) {
            start = end.minusDays(59);
        }
        // A chosen period replays from its first day; otherwise the map opens on its last.
        LocalDate day = date != null && !date.isBefore(start) && !date.isAfter(end) ? date : from != null ? start : end;
        model.addAttribute("day", day);
        model.addAttribute("first", start);
        model.addAttribute("last", end);
        model.addAttribute("days", ChronoUnit.DAYS.between(start, end));
        model.addAttribute("offset", ChronoUnit.DAYS.between(start, day));
        model.addAttribute("months", map.activeMonths());
        model.addAttribute("colours", RiskColour.values());
        model.addAttribute("rows", map.colours(day));
        model.addAttribute("districts", units.districts());
        model.addAttribute("cityOfficial", currentActor.get().role() == Role.CITY_OFFICIAL);
        model.addAttribute("reportsFigures", RiskMapDesk.reportsFigures(currentActor.get()));
        return "riskmap/map";
    }

    @GetMapping("/riskmap/table")
    String table(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            HtmxRequest htmx,
            Model model) {
        model.addAttribute("day", date);
        model.addAttribute("rows", map.colours(date));
        return htmx.isHtmxRequest() ? "riskmap/map :: table" : "riskmap/table";
    }

    @GetMapping("/riskmap/units/{code}")
    String unit(
            @PathVariable String code,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var found = map.colours(date).stream()
                .filter(c -> c.unit().code().equals(code))
                .findFirst();
        if (found.isEmpty()) {
            throw new NotFoundException("unit", code);
        }
        model.addAttribute("day", date);
        model.addAttribute("c", found.get());
        model.addAttribute(
                "ruleSet",
                found.get().ruleSetVersion() == 0
                        ? null
                        : rules.all().stream()
                                .filter(r -> r.version() == found.get().ruleSetVersion())
                                .findFirst()
                                .orElse(null));
        return htmx.isHtmxRequest() ? "riskmap/unit :: explanation" : "riskmap/unit";
    }

    /** One day's colours, or every day between two dates, as CSV. */
    @GetMapping("/riskmap/export.csv")
    void export(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            HttpServletResponse response)
            throws IOException {
        LocalDate last = to == null ? from : to;
        if (last.isBefore(from) || ChronoUnit.DAYS.between(from, last) > 731) {
            throw InvalidInputException.of("to", "riskmap.export.error.period");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"risk-colours-" + from + ".csv\"");
        PrintWriter out = response.getWriter();
        out.write('\uFEFF');
        out.println(
                "day,unit_code,district_code,name_zh,name_en,colour,computed_colour,score,rule_set_version,overridden");
        for (LocalDate day = from; !day.isAfter(last); day = day.plusDays(1)) {
            for (RiskMap.UnitColour c : map.colours(day)) {
                MapUnit u = c.unit();
                out.println(String.join(
                        ",",
                        day.toString(),
                        u.code(),
                        u.districtCode(),
                        u.nameZh(),
                        "\"" + u.nameEn() + "\"",
                        c.colour().name(),
                        c.computed() == null ? "" : c.computed().name(),
                        Double.toString(c.score()),
                        Integer.toString(c.ruleSetVersion()),
                        Boolean.toString(c.overridden())));
            }
        }
        out.flush();
    }
}
