package org.fugong.enterprises.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.shell.FormStep;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The enterprise's own applications: its list, and the form it fills in, saves as a draft and files.
 * A refused save comes back to the form with its problems at their fields.
 */
@Controller
class ApplicationFormController {

    private final ApplicationDesk desk;
    private final Checklist checklist;
    private final EnterpriseDirectory directory;
    private final CurrentActor currentActor;
    private final Times times;

    ApplicationFormController(
            ApplicationDesk desk,
            Checklist checklist,
            EnterpriseDirectory directory,
            CurrentActor currentActor,
            Times times) {
        this.desk = desk;
        this.checklist = checklist;
        this.directory = directory;
        this.currentActor = currentActor;
        this.times = times;
    }

    @GetMapping("/applications/mine")
    String mine(Model model, HttpServletResponse response) throws IOException {
        Actor actor = currentActor.get();
        if (actor.enterpriseId() == null) {
            throw new NotFoundException("enterprise of", actor.getUsername());
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
        desk.ofEnterprise(currentActor.scope(), actor.enterpriseId()).stream()
                .findFirst()
                .ifPresent(last -> {
                    ApplicationForm previous = ApplicationForm.of(last);
                    form.setStaffLocal(previous.getStaffLocal());
                    form.setStaffOtherProvinces(previous.getStaffOtherProvinces());
                    form.setStaffRiskAreas(previous.getStaffRiskAreas());
                    form.setMeasures(previous.getMeasures());
                });
        model.addAttribute("form", form);
        return formPage(model, null);
    }

    @PostMapping("/applications")
    String create(
            @ModelAttribute("form") ApplicationForm form,
            BindingResult result,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return write(null, form, result, action, model, redirect, response);
    }

    @PostMapping("/applications/{id}")
    String update(
            @PathVariable UUID id,
            @ModelAttribute("form") ApplicationForm form,
            BindingResult result,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return write(id, form, result, action, model, redirect, response);
    }

    private String write(
            @Nullable UUID id,
            ApplicationForm form,
            BindingResult result,
            String action,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        if (!currentActor.get().hasRole(Role.ENTERPRISE)) {
            throw new AccessDeniedException("Only an enterprise files applications");
        }
        Application application = id == null ? null : desk.get(currentActor.scope(), id);
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> {
                            Application saved = desk.save(
                                    currentActor.get(),
                                    currentActor.scope(),
                                    id,
                                    form.getVersion(),
                                    form.input(),
                                    "submit".equals(action));
                            redirect.addFlashAttribute(
                                    "success",
                                    switch (saved.status()) {
                                        case APPROVED -> "application.saved.approved";
                                        case SUBMITTED ->
                                            saved.held() ? "application.saved.held" : "application.saved.submitted";
                                        default -> "application.saved.draft";
                                    });
                            return "redirect:/applications/" + saved.id();
                        },
                        () -> formPage(model, application));
    }

    private String formPage(Model model, @Nullable Application application) {
        Actor actor = currentActor.get();
        model.addAttribute("enterprise", directory.get(currentActor.scope(), actor.enterpriseId()));
        model.addAttribute("app", application);
        model.addAttribute("items", checklist.active());
        model.addAttribute("today", times.today());
        return "applications/form";
    }

    @GetMapping("/applications/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        Application application = desk.get(currentActor.scope(), id);
        if (!currentActor.get().hasRole(Role.ENTERPRISE)
                || !application.status().editable()) {
            return "redirect:/applications/" + id;
        }
        model.addAttribute("form", ApplicationForm.of(application));
        return formPage(model, application);
    }
}
