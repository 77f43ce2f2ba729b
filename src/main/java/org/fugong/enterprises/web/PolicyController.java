package org.fugong.enterprises.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.enterprises.internal.PolicyMatrix;
import org.fugong.riskmap.RiskColour;
import org.fugong.shell.Choice;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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
    String savePolicy(
            @RequestParam Map<String, String> params,
            @RequestParam String fingerprint,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
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
        return FormStep.ofPage("policy", model, redirect, response)
                .run(
                        () -> matrix.update(currentActor.get(), changes, fingerprint),
                        "policy.saved",
                        "/applications/policy",
                        () -> policy(model));
    }

    /** A checklist item as typed: a new one (no version) or a change to one. */
    record ItemForm(
            @Nullable String code,
            @Nullable String labelZh,
            @Nullable String labelEn,
            Checklist.@Nullable Kind kind,
            @Nullable String minimum,
            @Nullable String position,
            @Nullable Boolean active,
            @Nullable Long version) {

        Checklist.ItemChange change() {
            return new Checklist.ItemChange(
                    code == null ? "" : code.trim().toUpperCase(Locale.ROOT),
                    labelZh,
                    labelEn,
                    kind == null ? Checklist.Kind.YES_NO : kind,
                    number("minimum", minimum),
                    position == null || position.isBlank() ? 99 : number("position", position),
                    Boolean.TRUE.equals(active),
                    version);
        }

        private static @Nullable Integer number(String field, @Nullable String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw InvalidInputException.of(field, "checklist.error.minimum");
            }
        }
    }

    @GetMapping("/applications/checklist")
    String checklist(Model model) {
        if (!model.containsAttribute("item")) {
            model.addAttribute("item", new ItemForm("", "", "", Checklist.Kind.YES_NO, "", "", true, null));
        }
        model.addAttribute("items", checklist.all());
        model.addAttribute("kinds", Choice.of(Checklist.Kind.values(), k -> "checklist.kind." + k.name()));
        model.addAttribute("editable", currentActor.get().hasRole(Role.CITY_OFFICIAL));
        return "applications/checklist";
    }

    @PostMapping("/applications/checklist")
    String saveItem(
            @ModelAttribute("item") ItemForm item,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> checklist.save(currentActor.get(), item.change()),
                        "checklist.saved",
                        "/applications/checklist",
                        () -> checklist(model));
    }
}
