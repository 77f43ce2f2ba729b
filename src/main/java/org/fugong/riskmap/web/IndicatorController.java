package org.fugong.riskmap.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.riskmap.MapUnit;
import org.fugong.riskmap.RiskMap;
import org.fugong.riskmap.internal.IndicatorFile;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.riskmap.reporting.IndicatorRejectedException;
import org.fugong.riskmap.reporting.IndicatorRow;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Daily figures of a district and its townships: a form per day, and an import of many days
 * from a CSV or Excel file. District officials report for their own district only.
 */
@Controller
class IndicatorController {

    static final long MAX_UPLOAD = 5 * 1024 * 1024;

    record RowForm(
            @NotNull String unitCode,
            @NotNull @PositiveOrZero Integer newLocal,
            @NotNull @PositiveOrZero Integer newImported,
            @NotNull @PositiveOrZero Integer newAsymptomatic,
            @NotNull @PositiveOrZero Integer activeClusters,
            @NotNull @PositiveOrZero Integer cumulativeConfirmed,
            @Nullable @PositiveOrZero Integer population,
            @NotNull Long version) {}

    record FiguresForm(
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate day,

            @NotNull String district,
            @Valid List<RowForm> rows) {}

    /** A problem of an import, by line of the file. */
    record ImportProblem(int line, String field, String messageKey, Object[] arguments) {}

    private final RiskMapDesk desk;
    private final RiskMap map;
    private final MapUnits units;
    private final CurrentActor currentActor;
    private final Times times;

    IndicatorController(RiskMapDesk desk, RiskMap map, MapUnits units, CurrentActor currentActor, Times times) {
        this.desk = desk;
        this.map = map;
        this.units = units;
        this.currentActor = currentActor;
        this.times = times;
    }

    @GetMapping("/riskmap/indicators")
    String initForm(
            @RequestParam(required = false) @Nullable String district,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Model model) {
        Actor actor = currentActor.get();
        String chosen = district != null
                ? district
                : actor.districtCode() != null
                        ? actor.districtCode()
                        : units.districts().get(0).code();
        checkMayReport(actor, chosen);
        LocalDate day = date == null || date.isAfter(times.today()) ? times.today() : date;
        model.addAttribute("form", new FiguresForm(day, chosen, rowsOf(chosen, day)));
        return form(model, chosen);
    }

    @PostMapping("/riskmap/indicators")
    String processForm(
            @Valid @ModelAttribute("form") FiguresForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        Actor actor = currentActor.get();
        checkMayReport(actor, form.district());
        if (result.hasErrors()) {
            return form(model, form.district());
        }
        List<IndicatorRow> rows = new ArrayList<>();
        for (RowForm row : form.rows()) {
            rows.add(new IndicatorRow(
                    row.unitCode(),
                    form.day(),
                    row.newLocal(),
                    row.newImported(),
                    row.newAsymptomatic(),
                    row.activeClusters(),
                    row.cumulativeConfirmed(),
                    row.population(),
                    row.version()));
        }
        try {
            desk.report(actor, currentActor.scope(), rows);
        } catch (IndicatorRejectedException e) {
            e.rejectInto(result);
            return form(model, form.district());
        }
        redirect.addFlashAttribute("success", "riskmap.indicator.saved");
        return "redirect:/riskmap/indicators?district=" + form.district() + "&date=" + form.day();
    }

    @PostMapping("/riskmap/indicators/import")
    String importFile(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect)
            throws IOException {
        Actor actor = currentActor.get();
        if (!RiskMapDesk.reportsFigures(actor)) {
            throw new AccessDeniedException("Only officials and the health bureau report figures");
        }
        String district = actor.districtCode() != null
                ? actor.districtCode()
                : units.districts().get(0).code();
        List<ImportProblem> problems = new ArrayList<>();
        if (file.isEmpty() || file.getSize() > MAX_UPLOAD) {
            problems.add(new ImportProblem(
                    0, "file", file.isEmpty() ? "import.error.empty" : "import.error.tooLarge", new Object[0]));
        } else {
            IndicatorFile.Parsed parsed =
                    IndicatorFile.read(String.valueOf(file.getOriginalFilename()), file.getBytes());
            parsed.problems()
                    .forEach(p -> problems.add(new ImportProblem(
                            p.row(), p.field(), p.messageKey(), p.arguments().toArray())));
            if (problems.isEmpty()) {
                try {
                    int saved = desk.report(actor, currentActor.scope(), parsed.rows());
                    redirect.addFlashAttribute("success", "riskmap.import.saved");
                    redirect.addFlashAttribute("importedRows", saved);
                    return "redirect:/riskmap/indicators";
                } catch (IndicatorRejectedException e) {
                    e.rowProblems()
                            .forEach(p -> problems.add(new ImportProblem(
                                    parsed.lines().get(p.row() - 1),
                                    column(p.field()),
                                    p.messageKey(),
                                    p.arguments().toArray())));
                }
            }
        }
        model.addAttribute("form", new FiguresForm(times.today(), district, rowsOf(district, times.today())));
        model.addAttribute("importProblems", problems);
        return form(model, district);
    }

    /** The form's rows: the district and its townships, with the figures entered for the day. */
    private List<RowForm> rowsOf(String district, LocalDate day) {
        return map.figures(district, day).stream()
                .map(f -> new RowForm(
                        f.unit().code(),
                        f.newLocal(),
                        f.newImported(),
                        f.newAsymptomatic(),
                        f.activeClusters(),
                        f.cumulativeConfirmed(),
                        f.population(),
                        f.version()))
                .toList();
    }

    /** The file's column for a field of the figures: newLocal is new_local. */
    static String column(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private String form(Model model, String district) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        List<MapUnit> districts = units.districts().stream()
                .filter(d -> RiskMapDesk.mayReport(actor, scope, d.code()))
                .toList();
        List<MapUnit> shown = new ArrayList<>();
        units.find(district).ifPresent(shown::add);
        shown.addAll(units.townships(district));
        model.addAttribute("districts", districts);
        model.addAttribute("units", shown);
        model.addAttribute("today", times.today());
        model.addAttribute("columns", IndicatorFile.COLUMNS);
        return "riskmap/indicators";
    }

    private void checkMayReport(Actor actor, String district) {
        if (units.find(district).isEmpty() || !RiskMapDesk.mayReport(actor, currentActor.scope(), district)) {
            throw new AccessDeniedException("Not allowed to report for " + district);
        }
    }
}
