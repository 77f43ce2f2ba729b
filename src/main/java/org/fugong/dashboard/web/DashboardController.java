package org.fugong.dashboard.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.dashboard.Electricity;
import org.fugong.dashboard.internal.Briefs;
import org.fugong.dashboard.internal.IndexRules;
import org.fugong.dashboard.internal.IndexValue;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.dashboard.internal.ScreenLinks;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.ReportingReads;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command center's pages: the dashboard (index, map, figures, charts with their tables, kept up
 * to date by polling its live part), the grid's electricity figures, the index rules, the wall
 * screen's links and the daily briefs.
 */
@Controller
class DashboardController {

    static final int TREND_DAYS = 30;

    record ImportForm(@Nullable String file) {}

    record PeriodForm(@Nullable String from, @Nullable String to) {}

    record RulesForm(
            @Nullable String effectiveFrom,
            @Nullable String shown,
            @Nullable String weightRESUMED,
            @Nullable String weightPRODUCTION,
            @Nullable String weightSTAFF,
            @Nullable String weightARRIVALS,
            @Nullable String weightPROBLEMS,
            @Nullable String weightGREEN,
            @Nullable String threshold,
            @Nullable String briefAt) {}

    record ScreenForm(@Nullable String label) {}

    private final DashboardView view;
    private final Electricity electricity;
    private final IndexRules rules;
    private final ScreenLinks screens;
    private final Briefs briefs;
    private final CurrentActor currentActor;
    private final JsonMapper json;
    private final Times times;
    private final ReportingReads reporting;

    DashboardController(
            DashboardView view,
            Electricity electricity,
            IndexRules rules,
            ScreenLinks screens,
            Briefs briefs,
            CurrentActor currentActor,
            JsonMapper json,
            Times times,
            ReportingReads reporting) {
        this.view = view;
        this.electricity = electricity;
        this.rules = rules;
        this.screens = screens;
        this.briefs = briefs;
        this.currentActor = currentActor;
        this.json = json;
        this.times = times;
        this.reporting = reporting;
    }

    private Scope scope() {
        return DashboardView.officialScope(currentActor);
    }

    private void cityOnly() {
        if (!currentActor.scope().isCity()) {
            throw new AccessDeniedException("Only the city does this");
        }
    }

    private LocalDate day(@Nullable LocalDate date) {
        LocalDate today = view.today();
        if (date == null) {
            return today;
        }
        if (date.isAfter(today)) {
            throw InvalidInputException.of("date", "index.error.future");
        }
        return date;
    }

    @GetMapping("/dashboard")
    @ReportingRead
    String dashboard(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Model model,
            Locale locale) {
        live(date, model, locale);
        return "dashboard/dashboard";
    }

    @GetMapping("/dashboard/live")
    @ReportingRead
    String live(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Model model,
            Locale locale) {
        Scope scope = scope();
        LocalDate day = day(date);
        LocalDate today = view.today();
        List<IndexValue> dayValues = view.values(day);
        List<DashboardView.Row> rows = view.rows(scope, day, dayValues, IndexValue.ALL);
        String focus = scope.isCity() ? IndexValue.CITY : String.valueOf(scope.districtCode());
        DashboardView.Row focused =
                rows.stream().filter(r -> r.code().equals(focus)).findFirst().orElseThrow();
        DashboardView.Row city = rows.get(rows.size() - 1);
        List<DashboardView.Row> districts = rows.stream().filter(r -> !r.city()).toList();
        List<DashboardView.Row> ranking = new ArrayList<>(districts);
        ranking.sort((a, b) -> Double.compare(
                b.index().composite() == null ? -1 : b.index().composite(),
                a.index().composite() == null ? -1 : a.index().composite()));
        boolean zh = locale.getLanguage().equals("zh");
        model.addAttribute("day", day);
        model.addAttribute("replica", reporting.freshness().orElse(null));
        model.addAttribute("today", today);
        model.addAttribute("isToday", day.equals(today));
        model.addAttribute("previous", day.minusDays(1));
        model.addAttribute("next", day.plusDays(1).isAfter(today) ? null : day.plusDays(1));
        model.addAttribute("rows", rows);
        model.addAttribute("ranking", ranking);
        model.addAttribute("focus", focused);
        model.addAttribute("city", city);
        model.addAttribute("cityScope", scope.isCity());
        model.addAttribute("rules", rules.version(focused.index().rulesVersion()));
        List<IndexValue> categories = view.categories(dayValues, focus);
        model.addAttribute("categories", categories);
        model.addAttribute("parts", IndexValue.PARTS);
        model.addAttribute(
                "computedAt",
                focused.live() == null
                        ? null
                        : times.formatSeconds(focused.live().computedAt()));
        Map<LocalDate, Map<String, @Nullable Double>> trend = view.trend(scope, day.minusDays(TREND_DAYS - 1), day);
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("map", view.map(scope, day, rows, zh));
        charts.put(
                "ranking",
                ranking.stream()
                        .map(r -> Map.of(
                                "name",
                                zh ? r.nameZh() : DashboardView.shortName(r.nameEn()),
                                "value",
                                r.index().composite() == null ? 0 : r.index().composite()))
                        .toList());
        List<String> days = trend.keySet().stream().map(LocalDate::toString).toList();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (DashboardView.Row r : rows) {
            List<@Nullable Double> values = new ArrayList<>();
            trend.values().forEach(byDistrict -> values.add(byDistrict.get(r.code())));
            lines.add(Map.of(
                    "name", zh ? r.nameZh() : DashboardView.shortName(r.nameEn()), "city", r.city(), "values", values));
        }
        charts.put("trend", Map.of("days", days, "lines", lines));
        charts.put(
                "categories",
                categories.stream()
                        .filter(v -> !v.category().equals(IndexValue.ALL))
                        .map(v -> {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("category", v.category());
                            c.put("value", v.composite());
                            return c;
                        })
                        .toList());
        LiveFigures.Live now = focused.live();
        if (now != null) {
            charts.put("codes", now.codes().codes());
        }
        model.addAttribute("trend", trend);
        model.addAttribute("trendDays", days);
        model.addAttribute("charts", json.writeValueAsString(charts));
        return "dashboard/dashboard :: live";
    }

    // The grid's electricity figures.

    @GetMapping("/dashboard/electricity")
    String electricityPage(Model model) {
        Scope scope = scope();
        if (!model.containsAttribute("importForm")) {
            model.addAttribute("importForm", new ImportForm(null));
        }
        if (!model.containsAttribute("baselineForm")) {
            model.addAttribute("baselineForm", new ImportForm(null));
        }
        if (!model.containsAttribute("periodForm")) {
            model.addAttribute("periodForm", new PeriodForm("2019-10-01", "2019-12-31"));
        }
        model.addAttribute("standing", electricity.standing(scope));
        model.addAttribute("header", String.join(",", Electricity.HEADER));
        model.addAttribute("baselineHeader", String.join(",", Electricity.BASELINE_HEADER));
        return "dashboard/electricity";
    }

    @PostMapping("/dashboard/electricity")
    String importElectricity(
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return upload("importForm", file, model, response, redirect, false);
    }

    @PostMapping("/dashboard/electricity/baselines")
    String importBaselines(
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return upload("baselineForm", file, model, response, redirect, true);
    }

    private String upload(
            String form,
            MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            boolean baselines) {
        ImportForm importForm = new ImportForm(null);
        model.addAttribute(form, importForm);
        FormStep step = new FormStep(new BeanPropertyBindingResult(importForm, form), model, redirect, response);
        return step.run(
                () -> {
                    byte[] content;
                    try {
                        content = file.getBytes();
                    } catch (IOException e) {
                        throw InvalidInputException.of("file", "import.error.unreadable");
                    }
                    String name = String.valueOf(file.getOriginalFilename());
                    int count = baselines
                            ? electricity.importBaselines(scope(), name, content)
                            : electricity.importFile(scope(), name, content);
                    redirect.addFlashAttribute("imported", count);
                    return "redirect:/dashboard/electricity";
                },
                () -> electricityPage(model));
    }

    @PostMapping("/dashboard/electricity/baselines/compute")
    String computeBaselines(PeriodForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("periodForm", form);
        FormStep step = new FormStep(new BeanPropertyBindingResult(form, "periodForm"), model, redirect, response);
        return step.run(
                () -> {
                    LocalDate from = Times.parseDate(form.from(), "from", "index.error.date");
                    LocalDate to = Times.parseDate(form.to(), "to", "index.error.date");
                    if (from == null || to == null) {
                        throw InvalidInputException.of(from == null ? "from" : "to", "index.error.date");
                    }
                    redirect.addFlashAttribute("computed", electricity.computeBaselines(scope(), from, to));
                    return "redirect:/dashboard/electricity";
                },
                () -> electricityPage(model));
    }

    // The index rules.

    @GetMapping("/dashboard/rules")
    String rulesPage(Model model) {
        scope();
        if (!model.containsAttribute("rulesForm")) {
            IndexRules.Rules current = rules.on(view.today());
            Map<String, Double> w = current.weights();
            model.addAttribute(
                    "rulesForm",
                    new RulesForm(
                            view.today().toString(),
                            current.shown().name(),
                            String.valueOf(w.getOrDefault("RESUMED", 0.0)),
                            String.valueOf(w.getOrDefault("PRODUCTION", 0.0)),
                            String.valueOf(w.getOrDefault("STAFF", 0.0)),
                            String.valueOf(w.getOrDefault("ARRIVALS", 0.0)),
                            String.valueOf(w.getOrDefault("PROBLEMS", 0.0)),
                            String.valueOf(w.getOrDefault("GREEN", 0.0)),
                            String.valueOf(current.threshold()),
                            current.briefAt().toString()));
        }
        model.addAttribute("versions", rules.all());
        model.addAttribute("weighed", IndexRules.WEIGHED);
        model.addAttribute("presets", IndexRules.Preset.values());
        model.addAttribute("cityScope", currentActor.scope().isCity());
        return "dashboard/rules";
    }

    @PostMapping("/dashboard/rules")
    String addRules(RulesForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        cityOnly();
        model.addAttribute("rulesForm", form);
        FormStep step = new FormStep(new BeanPropertyBindingResult(form, "rulesForm"), model, redirect, response);
        return step.run(
                () -> {
                    LocalDate from = Times.parseDate(form.effectiveFrom(), "effectiveFrom", "index.error.date");
                    if (from == null) {
                        throw InvalidInputException.of("effectiveFrom", "index.error.date");
                    }
                    Map<String, String> weights = new LinkedHashMap<>();
                    weights.put("RESUMED", String.valueOf(form.weightRESUMED()));
                    weights.put("PRODUCTION", String.valueOf(form.weightPRODUCTION()));
                    weights.put("STAFF", String.valueOf(form.weightSTAFF()));
                    weights.put("ARRIVALS", String.valueOf(form.weightARRIVALS()));
                    weights.put("PROBLEMS", String.valueOf(form.weightPROBLEMS()));
                    weights.put("GREEN", String.valueOf(form.weightGREEN()));
                    rules.add(
                            currentActor.get().getUsername(),
                            from,
                            String.valueOf(form.shown()),
                            weights,
                            String.valueOf(form.threshold()),
                            String.valueOf(form.briefAt()));
                    redirect.addFlashAttribute("success", "index.rules.saved");
                    return "redirect:/dashboard/rules";
                },
                () -> rulesPage(model));
    }

    // The wall screen's links.

    @GetMapping("/dashboard/screens")
    String screensPage(Model model) {
        cityOnly();
        if (!model.containsAttribute("screenForm")) {
            model.addAttribute("screenForm", new ScreenForm(null));
        }
        model.addAttribute("links", screens.all());
        return "dashboard/screens";
    }

    @PostMapping("/dashboard/screens")
    String makeScreen(ScreenForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        cityOnly();
        model.addAttribute("screenForm", form);
        FormStep step = new FormStep(new BeanPropertyBindingResult(form, "screenForm"), model, redirect, response);
        return step.run(
                () -> {
                    ScreenLinks.Made made = screens.make(
                            String.valueOf(form.label()), currentActor.get().getUsername());
                    redirect.addFlashAttribute("madeToken", made.token());
                    redirect.addFlashAttribute("success", "dashboard.screen.made");
                    return "redirect:/dashboard/screens";
                },
                () -> screensPage(model));
    }

    @PostMapping("/dashboard/screens/{id}/revoke")
    String revokeScreen(@PathVariable UUID id, RedirectAttributes redirect) {
        cityOnly();
        screens.revoke(id, currentActor.get().getUsername());
        redirect.addFlashAttribute("success", "dashboard.screen.revoked");
        return "redirect:/dashboard/screens";
    }

    // The daily briefs.

    @GetMapping("/dashboard/briefs")
    String briefsPage(Model model) {
        model.addAttribute("briefs", briefs.list(scope(), 200));
        model.addAttribute("today", view.today());
        model.addAttribute("cityScope", currentActor.scope().isCity());
        model.addAttribute("briefAt", rules.on(view.today()).briefAt());
        model.addAttribute("names", names());
        return "dashboard/briefs";
    }

    private Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String code : view.visible(Scope.city())) {
            names.put(code, view.nameZh(code) + " · " + view.nameEn(code));
        }
        return names;
    }

    @PostMapping("/dashboard/briefs")
    String makeBriefs(RedirectAttributes redirect) {
        Scope scope = scope();
        LocalDate today = view.today();
        for (String district : view.visible(scope)) {
            if (scope.isCity() || !district.equals(IndexValue.CITY)) {
                briefs.make(today, district, "page");
            }
        }
        redirect.addFlashAttribute("success", "dashboard.brief.made");
        return "redirect:/dashboard/briefs";
    }

    @GetMapping("/dashboard/briefs/{day}/{district}.pdf")
    ResponseEntity<byte[]> brief(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, @PathVariable String district) {
        byte[] pdf = briefs.pdf(scope(), day, district);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("brief-" + district + "-" + day + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }
}
