package org.fugong.healthcode.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.healthcode.internal.PhoneChanges;
import org.fugong.shell.FormStep;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A citizen asks to bind his code to a new phone; the health bureau decides on its desk. */
@Controller
class PhoneChangeController {

    /** The request as the citizen fills it in. */
    record PhoneChangeForm(
            @Nullable String idNumber,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String reason) {}

    private final PhoneChanges changes;
    private final CurrentActor currentActor;

    PhoneChangeController(PhoneChanges changes, CurrentActor currentActor) {
        this.changes = changes;
        this.currentActor = currentActor;
    }

    @GetMapping("/code/phone")
    String form(Model model) {
        if (!model.containsAttribute("change")) {
            model.addAttribute("change", new PhoneChangeForm("", "", "", ""));
        }
        return "healthcode/phone";
    }

    @PostMapping("/code/phone")
    String request(
            @ModelAttribute("change") PhoneChangeForm form,
            BindingResult result,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        return new FormStep(result, model, null, response)
                .run(
                        () -> {
                            changes.request(
                                    form.idNumber(), form.name(), form.phone(), form.reason(), request.getRemoteAddr());
                            model.addAttribute("sent", true);
                            return form(model);
                        },
                        () -> form(model));
    }

    @PostMapping("/health/phone-changes/{id}")
    String decide(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean approve,
            @RequestParam(required = false) @Nullable String note,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return FormStep.ofPage("bureau", model, redirect, response)
                .run(
                        () -> changes.decide(currentActor.get(), id, approve, note),
                        approve ? "healthcode.phoneChange.approved" : "healthcode.phoneChange.rejected",
                        "/health",
                        () -> "redirect:/health");
    }
}
