package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketUnits;
import org.fugong.tickets.internal.SlaPolicies;
import org.fugong.tickets.internal.TicketRules;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Routing rules and SLA policies: read by officials, edited by the city. */
@Controller
class TicketRulesController {

    private final TicketRules rules;
    private final SlaPolicies policies;
    private final TicketUnits units;
    private final Geography geography;
    private final CurrentActor currentActor;

    TicketRulesController(
            TicketRules rules,
            SlaPolicies policies,
            TicketUnits units,
            Geography geography,
            CurrentActor currentActor) {
        this.rules = rules;
        this.policies = policies;
        this.units = units;
        this.geography = geography;
        this.currentActor = currentActor;
    }

    @GetMapping("/tickets/rules")
    String page(Model model) {
        model.addAttribute("defaults", rules.defaults());
        model.addAttribute("routes", rules.routes());
        model.addAttribute("policies", policies.all());
        model.addAttribute("units", units.all());
        model.addAttribute("unitList", units.list());
        model.addAttribute("districts", geography.districts());
        model.addAttribute("categories", TicketCategory.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("editable", currentActor.get().hasRole(Role.CITY_OFFICIAL));
        model.addAttribute("holidays", rules.holidays());
        if (!model.containsAttribute("rules")) {
            model.addAttribute("rules", new Object());
        }
        return "tickets/rules";
    }

    @PostMapping("/tickets/rules/defaults")
    String setDefault(
            @RequestParam TicketCategory category,
            @RequestParam String unit,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(model, redirect, response, () -> rules.setDefault(currentActor.get(), category, unit));
    }

    @PostMapping("/tickets/rules/routes")
    String setRoute(
            @RequestParam TicketCategory category,
            @RequestParam String district,
            @RequestParam String unit,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(model, redirect, response, () -> rules.setRoute(currentActor.get(), category, district, unit));
    }

    @PostMapping("/tickets/rules/routes/{id}/remove")
    String removeRoute(@PathVariable long id, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return save(model, redirect, response, () -> rules.removeRoute(currentActor.get(), id));
    }

    @PostMapping("/tickets/rules/policies")
    String savePolicy(
            @RequestParam(required = false) @Nullable Long id,
            @RequestParam(required = false) @Nullable TicketCategory category,
            @RequestParam(required = false) @Nullable TicketPriority priority,
            @RequestParam int firstResponseMinutes,
            @RequestParam(defaultValue = "false") boolean solveByEndOfDay,
            @RequestParam int solutionMinutes,
            @RequestParam int difficultSolutionMinutes,
            @RequestParam int warningPercent,
            @RequestParam int supervisionAfterMinutes,
            @RequestParam(defaultValue = "false") boolean workingHoursOnly,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(
                model,
                redirect,
                response,
                () -> rules.savePolicy(
                        currentActor.get(),
                        new TicketRules.PolicyChange(
                                id,
                                category,
                                priority,
                                firstResponseMinutes,
                                solveByEndOfDay,
                                solutionMinutes,
                                difficultSolutionMinutes,
                                warningPercent,
                                supervisionAfterMinutes,
                                workingHoursOnly)));
    }

    @PostMapping("/tickets/rules/units/{code}")
    String setHead(
            @PathVariable String code,
            @RequestParam(defaultValue = "") String headName,
            @RequestParam(required = false) @Nullable String headEmail,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(model, redirect, response, () -> units.setHead(currentActor.get(), code, headName, headEmail));
    }

    @PostMapping("/tickets/rules/holidays")
    String addHoliday(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(required = false) @Nullable String name,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(model, redirect, response, () -> rules.addHoliday(currentActor.get(), day, name));
    }

    @PostMapping("/tickets/rules/holidays/{day}/remove")
    String removeHoliday(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(model, redirect, response, () -> rules.removeHoliday(currentActor.get(), day));
    }

    private String save(Model model, RedirectAttributes redirect, HttpServletResponse response, Runnable change) {
        return FormStep.ofPage("rules", model, redirect, response)
                .run(change, "tickets.rules.saved", "/tickets/rules", () -> page(model));
    }
}
