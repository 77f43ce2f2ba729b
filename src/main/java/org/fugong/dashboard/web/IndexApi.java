package org.fugong.dashboard.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.dashboard.Electricity;
import org.fugong.dashboard.internal.IndexComputer;
import org.fugong.dashboard.internal.IndexValue;
import org.fugong.dashboard.internal.Snapshots;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingRead;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The resumption index for systems: a day's, a period's, and the grid's daily figures in. Scoped like the dashboard. */
@RestController
@RequestMapping("/api/index")
@Tag(
        name = "Resumption index",
        description = "The index per district and day, its parts, the grid's electricity figures")
class IndexApi {

    private final DashboardView view;
    private final Snapshots snapshots;
    private final Electricity electricity;
    private final CurrentActor currentActor;
    private final MessageSource messages;

    IndexApi(
            DashboardView view,
            Snapshots snapshots,
            Electricity electricity,
            CurrentActor currentActor,
            MessageSource messages) {
        this.messages = messages;
        this.view = view;
        this.snapshots = snapshots;
        this.electricity = electricity;
        this.currentActor = currentActor;
    }

    private Scope scope() {
        return DashboardView.officialScope(currentActor);
    }

    private static String category(@Nullable String category) {
        String c = category == null || category.isBlank() ? IndexValue.ALL : category;
        if (!IndexComputer.categories().contains(c)) {
            throw InvalidInputException.of("category", "index.error.category").unprocessable();
        }
        return c;
    }

    @GetMapping
    @ReportingRead
    @Operation(
            summary = "The index of a day per district and for the city",
            description =
                    "Each part with its numerator, denominator and value (null without a denominator), the"
                            + " composite of both presets and the one shown, the rules version, the district's colour. Today's"
                            + " is live; a past day's is its stored snapshot. A district official gets its district and the"
                            + " city. Category: ALL (default), LARGE_INDUSTRY, SERVICES, FOREIGN_TRADE, CONSTRUCTION, SMALL_SHOPS.")
    Map<String, Object> index(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            @RequestParam(required = false) @Nullable String category) {
        Scope scope = scope();
        LocalDate day = date == null ? view.today() : date;
        if (day.isAfter(view.today())) {
            throw InvalidInputException.of("date", "index.error.future").unprocessable();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", day.toString());
        String chosen = category(category);
        body.put("category", chosen);
        body.put("districts", values(view.rows(scope, day, chosen)));
        return body;
    }

    @GetMapping("/history")
    @ReportingRead
    @Operation(
            summary = "The index of every day of a period (at most 400 days), per district and for the city",
            description = "Past days from their snapshots (made once and never changed), today live.")
    Map<String, Object> history(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable String category) {
        Scope scope = scope();
        List<String> visible = view.visible(scope);
        List<Map<String, Object>> days = new ArrayList<>();
        try {
            snapshots.history(from, to, category(category)).forEach((day, values) -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("date", day.toString());
                d.put(
                        "districts",
                        values.stream()
                                .filter(v -> visible.contains(v.districtCode()))
                                .map(this::value)
                                .toList());
                days.add(d);
            });
        } catch (InvalidInputException e) {
            throw e.unprocessable();
        }
        return Map.of("from", from.toString(), "to", to.toString(), "days", days);
    }

    @PostMapping("/electricity")
    @Operation(
            summary = "The grid company's daily electricity use per enterprise",
            description = "A list of {creditCode or account, date, kwh}; a figure for a day already sent replaces it."
                    + " Checked whole: 422 with every bad item (numbered from 1) and nothing saved. Only enterprises in"
                    + " the caller's scope.")
    ResponseEntity<Map<String, Object>> electricity(@RequestBody List<Electricity.Reading> readings, Locale locale) {
        try {
            return ResponseEntity.ok(Map.of("saved", electricity.save(scope(), readings, 1)));
        } catch (InvalidInputException e) {
            return refused(e, locale);
        }
    }

    /** 422 with every problem: the item (numbered from 1), its field, the message key and the message. */
    private ResponseEntity<Map<String, Object>> refused(InvalidInputException e, Locale locale) {
        List<Map<String, Object>> problems = new ArrayList<>();
        for (InvalidInputException.Problem p : e.all()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            if (p.arguments().size() == 3 && p.arguments().get(2) instanceof MessageSourceResolvable r) {
                problem.put("item", p.arguments().get(0));
                problem.put("field", p.arguments().get(1));
                problem.put("messageKey", r.getCodes() == null ? null : r.getCodes()[0]);
            } else {
                problem.put("field", p.field());
                problem.put("messageKey", p.messageKey());
            }
            problem.put(
                    "message",
                    messages.getMessage(
                            p.messageKey(),
                            p.arguments().stream()
                                    .map(a ->
                                            a instanceof MessageSourceResolvable r ? messages.getMessage(r, locale) : a)
                                    .toArray(),
                            p.messageKey(),
                            locale));
            problems.add(problem);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 422);
        body.put("saved", 0);
        body.put("problems", problems);
        return ResponseEntity.unprocessableEntity().body(body);
    }

    @PostMapping("/baselines")
    @Operation(
            summary = "Baselines (average daily use, kWh) per enterprise",
            description = "A list of {creditCode or account, kwhPerDay}; checked whole like the daily figures.")
    ResponseEntity<Map<String, Object>> baselines(@RequestBody List<Electricity.Baseline> baselines, Locale locale) {
        try {
            return ResponseEntity.ok(Map.of("saved", electricity.saveBaselines(scope(), baselines, 1)));
        } catch (InvalidInputException e) {
            return refused(e, locale);
        }
    }

    private List<Map<String, Object>> values(List<DashboardView.Row> rows) {
        return rows.stream().map(r -> value(r.index())).toList();
    }

    private Map<String, Object> value(IndexValue v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("district", v.districtCode());
        body.put("name", view.nameZh(v.districtCode()));
        body.put("nameEn", view.nameEn(v.districtCode()));
        body.put("category", v.category());
        Map<String, Object> parts = new LinkedHashMap<>();
        v.parts().forEach((key, p) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("numerator", p.numerator());
            part.put("denominator", p.denominator());
            part.put("value", p.value());
            parts.put(key, part);
        });
        body.put("parts", parts);
        body.put("stateGrid", v.stateGrid());
        body.put("fugong", v.fugong());
        body.put("shown", v.shown().name());
        body.put("composite", v.composite());
        body.put("rulesVersion", v.rulesVersion());
        body.put("colour", v.colour());
        body.put(
                "electricityDay",
                v.electricityDay() == null ? null : v.electricityDay().toString());
        body.put("live", v.live());
        return body;
    }
}
