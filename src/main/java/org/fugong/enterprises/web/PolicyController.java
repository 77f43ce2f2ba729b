package org.fugong.enterprises.web;

import org.fugong.shell.InvalidInputException;
import org.fugong.shell.StaleVersionException;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.enterprises.Checklist;
import org.fugong.enterprises.PolicyCategory;
import org.fugong.enterprises.PolicyDecision;
import org.fugong.enterprises.PolicyMatrix;
import org.fugong.riskmap.RiskColour;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The policy matrix and the prevention checklist: read by officials, edited by the city. */
@Controller
class PolicyController {

    private final PolicyMatrix matrix;
    private final Checklist checklist;
    private final CurrentActor currentActor;

    PolicyController(PolicyMatrix matrix, Checklist checklist, CurrentActor currentActor) {
        this.matrix = matrix;
        this.checklist = checklist;
        this.currentActor = currentActor;
    }

    @GetMapping("/applications/policy")
    String policy(Model model) {
        model.addAttribute("cells", matrix.cells());
        model.addAttribute("fingerprint", matrix.fingerprint());
        model.addAttribute("colours", RiskColour.values());
        model.addAttribute("categories", PolicyCategory.values());
        model.addAttribute("decisions", PolicyDecision.values());
        model.addAttribute("editable", currentActor.get().hasRole(Role.CITY_OFFICIAL));
        model.addAttribute("smallShopArea", (int) PolicyCategory.SMALL_SHOP_MAX_FLOOR_AREA_M2);
        model.addAttribute("smallShopStaff", PolicyCategory.SMALL_SHOP_MAX_STAFF);
        return "applications/policy";
    }

    /** Cells arrive as {@code cell.RED.GENERAL=HOLD}; unknown names are ignored. */
    @PostMapping("/applications/policy")
    String savePolicy(@RequestParam Map<String, String> params, @RequestParam String fingerprint, Model model,
                      RedirectAttributes redirect, HttpServletResponse response) {
        Map<RiskColour, Map<PolicyCategory, PolicyDecision>> changes = new EnumMap<>(RiskColour.class);
        params.forEach((name, value) -> {
            String[] parts = name.split("\\.");
            if (parts.length == 3 && parts[0].equals("cell")) {
                try {
                    changes.computeIfAbsent(RiskColour.valueOf(parts[1]), c -> new EnumMap<>(PolicyCategory.class))
                            .put(PolicyCategory.valueOf(parts[2]), PolicyDecision.valueOf(value));
                } catch (IllegalArgumentException e) {
                    // Not a cell of the matrix.
                }
            }
        });
        try {
            matrix.update(currentActor.get(), changes, fingerprint);
        } catch (StaleVersionException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "application.stale");
            return policy(model);
        }
        redirect.addFlashAttribute("success", "policy.saved");
        return "redirect:/applications/policy";
    }

    @GetMapping("/applications/checklist")
    String checklist(Model model) {
        model.addAttribute("items", checklist.all());
        model.addAttribute("kinds", Checklist.Kind.values());
        model.addAttribute("editable", currentActor.get().hasRole(Role.CITY_OFFICIAL));
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "applications/checklist";
    }

    @PostMapping("/applications/checklist")
    String saveItem(@RequestParam String code, @RequestParam String labelZh, @RequestParam String labelEn,
                    @RequestParam Checklist.Kind kind, @RequestParam(required = false) @Nullable Integer minimum,
                    @RequestParam(defaultValue = "99") int position,
                    @RequestParam(defaultValue = "false") boolean active,
                    @RequestParam(required = false) @Nullable Long version,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            checklist.save(currentActor.get(), new Checklist.ItemChange(code.trim().toUpperCase(Locale.ROOT),
                    labelZh, labelEn, kind, minimum, position, active, version));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("problems", e.problems());
            model.addAttribute("problemCode", code);
            model.addAttribute("problem", "application.error.form");
            return checklist(model);
        } catch (StaleVersionException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "application.stale");
            return checklist(model);
        }
        redirect.addFlashAttribute("success", "checklist.saved");
        return "redirect:/applications/checklist";
    }
}
