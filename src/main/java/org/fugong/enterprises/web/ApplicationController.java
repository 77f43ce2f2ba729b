package org.fugong.enterprises.web;

import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.Application;
import org.fugong.enterprises.ApplicationDesk;
import org.fugong.enterprises.ApplicationStatus;
import org.fugong.enterprises.Checklist;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.PolicyCategory;
import org.fugong.enterprises.PolicyDecision;
import org.fugong.enterprises.ReviewQueue;
import org.fugong.enterprises.Review;
import org.fugong.geography.Geography;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Return-to-work applications: the enterprise's filing and its page, the reviewer's decisions and
 * the district's queue. A refused step comes back to the page with the reason; a stale one (someone
 * else acted first) with the current state and status 409.
 */
@Controller
class ApplicationController {

    static final int PAGE_SIZE = 25;

    private final ApplicationDesk desk;
    private final ReviewQueue queue;
    private final Checklist checklist;
    private final EnterpriseDirectory directory;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Times times;
    private final Clock clock;

    ApplicationController(ApplicationDesk desk, ReviewQueue queue, Checklist checklist, EnterpriseDirectory directory,
                          CurrentActor currentActor, Geography geography, Times times, Clock clock) {
        this.desk = desk;
        this.queue = queue;
        this.checklist = checklist;
        this.directory = directory;
        this.currentActor = currentActor;
        this.geography = geography;
        this.times = times;
        this.clock = clock;
    }

    // ------------------------------------------------------------ the enterprise

    @GetMapping("/applications/mine")
    String mine(Model model, HttpServletResponse response) throws IOException {
        Actor actor = currentActor.get();
        if (actor.enterpriseId() == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return null;
        }
        model.addAttribute("enterprise", directory.get(currentActor.scope(), actor.enterpriseId()));
        model.addAttribute("applications", desk.ofEnterprise(currentActor.scope(), actor.enterpriseId()));
        model.addAttribute("mayFile", desk.mayFile(actor.enterpriseId()));
        model.addAttribute("today", times.today());
        return "applications/mine";
    }

    @GetMapping("/applications/new")
    String newApplication(Model model) {
        Actor actor = currentActor.get();
        if (!desk.mayFile(actor.enterpriseId())) {
            return "redirect:/applications/mine";
        }
        ApplicationForm form = new ApplicationForm();
        // A returning enterprise starts from what it wrote last time.
        desk.ofEnterprise(currentActor.scope(), actor.enterpriseId()).stream().findFirst()
                .ifPresent(last -> {
                    ApplicationForm previous = ApplicationForm.of(last);
                    form.setStaffLocal(previous.getStaffLocal());
                    form.setStaffOtherProvinces(previous.getStaffOtherProvinces());
                    form.setStaffRiskAreas(previous.getStaffRiskAreas());
                    form.setMeasures(previous.getMeasures());
                });
        return formPage(model, null, form, Map.of());
    }

    @PostMapping("/applications")
    String create(@ModelAttribute("form") ApplicationForm form, @RequestParam(defaultValue = "save") String action,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return write(null, form, action, model, redirect, response);
    }

    @PostMapping("/applications/{id}")
    String update(@PathVariable UUID id, @ModelAttribute("form") ApplicationForm form,
                  @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        return write(id, form, action, model, redirect, response);
    }

    private String write(@Nullable UUID id, ApplicationForm form, String action, Model model, RedirectAttributes redirect,
                         HttpServletResponse response) {
        if (!currentActor.get().hasRole(Role.ENTERPRISE)) {
            throw new AccessDeniedException("Only an enterprise files applications");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        var input = form.input(problems);
        Application application = id == null ? null : desk.get(currentActor.scope(), id);
        if (!problems.isEmpty()) {
            return formPage(model, application, form, problems);
        }
        try {
            Application saved = desk.save(currentActor.get(), currentActor.scope(), id, form.getVersion(), input,
                    "submit".equals(action));
            redirect.addFlashAttribute("success", switch (saved.status()) {
                case APPROVED -> "application.saved.approved";
                case SUBMITTED -> saved.held() ? "application.saved.held" : "application.saved.submitted";
                default -> "application.saved.draft";
            });
            return "redirect:/applications/" + saved.id();
        } catch (InvalidInputException e) {
            return formPage(model, application, form, e.problems());
        } catch (StaleVersionException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "application.stale");
            return formPage(model, application, form, Map.of());
        } catch (RefusedChangeException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
            return id == null ? "redirect:/applications/mine" : "redirect:/applications/" + id;
        }
    }

    private String formPage(Model model, @Nullable Application application, ApplicationForm form,
                            Map<String, String> problems) {
        Actor actor = currentActor.get();
        model.addAttribute("enterprise", directory.get(currentActor.scope(), actor.enterpriseId()));
        model.addAttribute("app", application);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("items", checklist.active());
        model.addAttribute("today", times.today());
        return "applications/form";
    }

    @GetMapping("/applications/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        Application application = desk.get(currentActor.scope(), id);
        if (!currentActor.get().hasRole(Role.ENTERPRISE) || !application.status().editable()) {
            return "redirect:/applications/" + id;
        }
        return formPage(model, application, ApplicationForm.of(application), Map.of());
    }

    @PostMapping("/applications/{id}/resumed")
    String resumed(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        return act(id, model, redirect, response, "application.resumed.saved",
                () -> desk.confirmResumed(currentActor.get(), currentActor.scope(), id, version));
    }

    // ------------------------------------------------------------ the reviewer

    @GetMapping("/applications/{id}")
    String show(@PathVariable UUID id, Model model) {
        return detail(desk.get(currentActor.scope(), id), model, Map.of());
    }

    private String detail(Application application, Model model, Map<String, String> problems) {
        Scope scope = currentActor.scope();
        EnterpriseSummary enterprise = directory.get(Scope.city(), application.enterpriseId());
        Map<String, Checklist.Item> items = checklist.byCode();
        List<Checklist.Item> unmet = new ArrayList<>();
        application.measures().forEach((code, answer) -> {
            Checklist.Item item = items.get(code);
            if (item != null && !item.met(answer)) {
                unmet.add(item);
            }
        });
        model.addAttribute("app", application);
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("history", desk.history(scope, application.id()));
        model.addAttribute("items", items);
        model.addAttribute("unmet", unmet);
        model.addAttribute("geography", geography);
        model.addAttribute("reviewer", ApplicationDesk.reviews(currentActor.get()));
        model.addAttribute("owner", application.enterpriseId().equals(currentActor.get().enterpriseId()));
        model.addAttribute("today", times.today());
        model.addAttribute("now", clock.instant());
        model.addAttribute("problems", problems);
        return "applications/detail";
    }

    @PostMapping("/applications/{id}/review")
    String startReview(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        return act(id, model, redirect, response, "application.review.started",
                () -> desk.startReview(currentActor.get(), currentActor.scope(), id, version));
    }

    @PostMapping("/applications/{id}/decision")
    String decide(@PathVariable UUID id, @RequestParam long version, @RequestParam Review.Outcome outcome,
                  @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Map<String, Application.ItemVerdict> verdicts = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("verdict.")) {
                String code = name.substring("verdict.".length());
                verdicts.put(code, new Application.ItemVerdict(!"wanting".equals(value), params.get("itemRemark." + code)));
            }
        });
        String remark = params.get("remark");
        return act(id, model, redirect, response, "application.decided." + outcome,
                () -> desk.decide(currentActor.get(), currentActor.scope(), id, version,
                        new Review(outcome, verdicts, remark)));
    }

    @PostMapping("/applications/{id}/suspend")
    String suspend(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String reason,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "application.suspended",
                () -> desk.suspend(currentActor.get(), currentActor.scope(), id, version, reason));
    }

    @PostMapping("/applications/{id}/clear-flag")
    String clearFlag(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String reason,
                     Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "application.flagCleared",
                () -> desk.clearFlag(currentActor.get(), currentActor.scope(), id, version, reason));
    }

    /** Runs a step; on success back to the page with the message, on refusal the page with the reason. */
    private String act(UUID id, Model model, RedirectAttributes redirect, HttpServletResponse response, String success,
                       Supplier<Application> step) {
        try {
            step.get();
            redirect.addFlashAttribute("success", success);
            return "redirect:/applications/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("problem", "application.error.form");
            return detail(desk.get(currentActor.scope(), id), model, e.problems());
        } catch (StaleVersionException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "application.stale");
            return detail(desk.get(currentActor.scope(), id), model, Map.of());
        } catch (RefusedChangeException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", e.messageKey());
            return detail(desk.get(currentActor.scope(), id), model, Map.of());
        }
    }

    @GetMapping("/applications/queue")
    String queue(@RequestParam(defaultValue = "PENDING") ReviewQueue.View view,
                 @RequestParam(required = false) @Nullable String district,
                 @RequestParam(required = false) @Nullable PolicyDecision decision,
                 @RequestParam(required = false) @Nullable PolicyCategory category,
                 @RequestParam(required = false) @Nullable ApplicationStatus status,
                 @RequestParam(required = false) @Nullable String q,
                 @RequestParam(required = false) @Nullable String after,
                 HtmxRequest htmx, Model model) {
        Scope scope = currentActor.scope();
        var filter = new ReviewQueue.Filter(view, district, decision, category, status, q);
        model.addAttribute("slice", queue.page(scope, filter, after, PAGE_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("geography", geography);
        model.addAttribute("districts", geography.districts().stream().filter(d -> scope.permitsDistrict(d.code())).toList());
        model.addAttribute("now", clock.instant());
        if (htmx.isHtmxRequest()) {
            return after == null ? "applications/queue :: results" : "applications/queue :: rows";
        }
        return "applications/queue";
    }

    @PostMapping("/applications/queue/approve")
    String approveSelected(@RequestParam(name = "selected", required = false) @Nullable List<String> selected,
                           RedirectAttributes redirect) {
        Map<UUID, Long> versions = new LinkedHashMap<>();
        if (selected != null) {
            for (String value : selected) {
                String[] parts = value.split(":", 2);
                try {
                    versions.put(UUID.fromString(parts[0]), Long.parseLong(parts[1]));
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    // A forged value is skipped: it names no application the reviewer saw.
                }
            }
        }
        var result = desk.approveAll(currentActor.get(), currentActor.scope(), versions);
        redirect.addFlashAttribute("bulk", result);
        redirect.addFlashAttribute("success", versions.isEmpty() ? "application.bulk.none" : "application.bulk.done");
        return "redirect:/applications/queue";
    }
}
