package org.fugong.healthcode.web;

import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.audit.PersonalDataReads;
import org.fugong.healthcode.Staff;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The employer's view of its consenting staff, and the citizen's consent (and its withdrawal). */
@Controller
class StaffController {

    private final Staff staff;
    private final CurrentActor currentActor;

    private final PersonalDataReads reads;

    StaffController(Staff staff, CurrentActor currentActor, PersonalDataReads reads) {
        this.staff = staff;
        this.currentActor = currentActor;
        this.reads = reads;
    }

    @GetMapping("/health/staff")
    String page(Model model) {
        var list = staff.of(currentActor.get());
        reads.record("healthcode", "StaffCodes", currentActor.get().enterpriseId(), list.size(), null);
        model.addAttribute("staff", list);
        model.addAttribute("counts", staff.counts(currentActor.get()));
        return "healthcode/staff";
    }

    @PostMapping("/code/employers")
    String consent(@RequestParam(defaultValue = "") String uscc, HttpSession session, RedirectAttributes redirect) {
        UUID person = (UUID) session.getAttribute(CitizenController.PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        boolean shared = staff.consent(person, uscc).isPresent();
        redirect.addFlashAttribute(
                shared ? "success" : "problem", shared ? "healthcode.employer.shared" : "healthcode.employer.unknown");
        return "redirect:/code/me";
    }

    @PostMapping("/code/employers/withdraw")
    String withdraw(@RequestParam UUID enterprise, HttpSession session, RedirectAttributes redirect) {
        UUID person = (UUID) session.getAttribute(CitizenController.PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        staff.withdraw(person, enterprise);
        redirect.addFlashAttribute("success", "healthcode.employer.withdrawn");
        return "redirect:/code/me";
    }
}
