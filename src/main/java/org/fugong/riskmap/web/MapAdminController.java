package org.fugong.riskmap.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.internal.MapShapes;
import org.fugong.riskmap.internal.MapUnits;
import org.fugong.riskmap.internal.Overrides;
import org.fugong.riskmap.internal.RuleBook;
import org.fugong.riskmap.internal.RuleParameters;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.Choice;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What only city officials do to the map: overrides, rule versions and map shapes. */
@Controller
class MapAdminController {

    record OverrideForm(
            @NotBlank String unitCode,
            @NotNull RiskColour colour,
            @NotBlank @Size(max = 500) String reason,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            LocalDateTime expiresAt) {}

    record RulesForm(
            @NotBlank @Size(max = 200) String name,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate effectiveFrom,

            @NotNull Double cumulativeWeight,
            @NotNull Double localSharePercentWeight,
            @NotNull Double clusterWeight,
            @NotNull Double redFrom,
            @NotNull Double orangeFrom,
            @NotNull Double yellowFrom,
            @NotNull Integer oneLevelLowerAfterDays,
            @NotNull Integer twoLevelsLowerAfterDays,
            @NotNull Integer greenAfterDays) {}

    private final RiskMapDesk desk;
    private final Overrides overrides;
    private final RuleBook rules;
    private final MapShapes shapes;
    private final MapUnits units;
    private final CurrentActor currentActor;
    private final Times times;
    private final Clock clock;

    MapAdminController(
            RiskMapDesk desk,
            Overrides overrides,
            RuleBook rules,
            MapShapes shapes,
            MapUnits units,
            CurrentActor currentActor,
            Times times,
            Clock clock) {
        this.clock = clock;
        this.desk = desk;
        this.overrides = overrides;
        this.rules = rules;
        this.shapes = shapes;
        this.units = units;
        this.currentActor = currentActor;
        this.times = times;
    }

    @GetMapping("/riskmap/overrides")
    String overrides(Model model, Locale locale) {
        model.addAttribute(
                "form", new OverrideForm("", null, "", times.today().plusDays(1).atTime(0, 0)));
        return overridePage(model, locale);
    }

    @PostMapping("/riskmap/overrides")
    String setOverride(
            @Valid @ModelAttribute("form") OverrideForm form,
            BindingResult result,
            Model model,
            Locale locale,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        if (result.hasErrors()) {
            return overridePage(model, locale);
        }
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> desk.override(
                                currentActor.get(),
                                form.unitCode(),
                                form.colour(),
                                form.reason(),
                                form.expiresAt().atZone(times.zone()).toInstant()),
                        "riskmap.override.saved",
                        "/riskmap/overrides",
                        () -> overridePage(model, locale));
    }

    @PostMapping("/riskmap/overrides/{id}/end")
    String endOverride(@PathVariable UUID id, RedirectAttributes redirect) {
        desk.endOverride(currentActor.get(), id);
        redirect.addFlashAttribute("success", "riskmap.override.ended");
        return "redirect:/riskmap/overrides";
    }

    private String overridePage(Model model, Locale locale) {
        model.addAttribute(
                "units",
                units.all().stream()
                        .map(u -> Choice.ofName(u.code(), u.name(locale)))
                        .toList());
        model.addAttribute("colours", Choice.of(RiskColour.values(), RiskColour::messageKey));
        model.addAttribute("overrides", overrides.recent(50));
        model.addAttribute("now", clock.instant());
        return "riskmap/overrides";
    }

    @GetMapping("/riskmap/rules")
    String rules(Model model) {
        RuleParameters current = rules.inForceOn(times.today()).parameters();
        model.addAttribute(
                "form",
                new RulesForm(
                        "",
                        times.today().plusDays(1),
                        current.cumulativeWeight(),
                        current.localSharePercentWeight(),
                        current.clusterWeight(),
                        current.redFrom(),
                        current.orangeFrom(),
                        current.yellowFrom(),
                        current.oneLevelLowerAfterDays(),
                        current.twoLevelsLowerAfterDays(),
                        current.greenAfterDays()));
        return rulesPage(model);
    }

    @PostMapping("/riskmap/rules")
    String addRules(
            @Valid @ModelAttribute("form") RulesForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        if (result.hasErrors()) {
            return rulesPage(model);
        }
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> {
                            RuleParameters parameters;
                            try {
                                parameters = new RuleParameters(
                                        form.cumulativeWeight(),
                                        form.localSharePercentWeight(),
                                        form.clusterWeight(),
                                        form.redFrom(),
                                        form.orangeFrom(),
                                        form.yellowFrom(),
                                        form.oneLevelLowerAfterDays(),
                                        form.twoLevelsLowerAfterDays(),
                                        form.greenAfterDays());
                            } catch (IllegalArgumentException e) {
                                // The parameters' own rule (thresholds in order, days rising) names its message key.
                                throw InvalidInputException.of("form", e.getMessage());
                            }
                            rules.add(
                                    form.name(),
                                    form.effectiveFrom(),
                                    parameters,
                                    currentActor.get().getUsername());
                        },
                        "riskmap.rules.saved",
                        "/riskmap/rules",
                        () -> rulesPage(model));
    }

    private String rulesPage(Model model) {
        model.addAttribute("ruleSets", rules.all());
        model.addAttribute("today", times.today());
        return "riskmap/rules";
    }

    @PostMapping("/riskmap/shapes/{key}")
    String uploadShapes(@PathVariable String key, @RequestParam("file") MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try {
            if (file.isEmpty() || file.getSize() > 20 * 1024 * 1024) {
                throw InvalidInputException.of("file", "import.error.empty");
            }
            List<String> withoutBoundary = shapes.upload(
                    key,
                    new String(file.getBytes(), StandardCharsets.UTF_8),
                    currentActor.get().getUsername());
            redirect.addFlashAttribute("success", "riskmap.shapes.saved");
            if (!withoutBoundary.isEmpty()) {
                redirect.addFlashAttribute("shapeNotice", String.join(", ", withoutBoundary));
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("shapeError", e.messageKey());
            redirect.addFlashAttribute("shapeErrorArguments", e.arguments());
        }
        return "redirect:/riskmap";
    }

    @PostMapping("/riskmap/shapes/{key}/reset")
    String resetShapes(@PathVariable String key, RedirectAttributes redirect) {
        shapes.reset(key);
        redirect.addFlashAttribute("success", "riskmap.shapes.reset");
        return "redirect:/riskmap";
    }
}
