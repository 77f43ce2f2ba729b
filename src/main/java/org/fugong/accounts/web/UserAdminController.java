package org.fugong.accounts.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.accounts.internal.EnterpriseSignUps;
import org.fugong.accounts.internal.UserAccount;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.geography.Geography;
import org.fugong.shell.Choice;
import org.fugong.shell.InvalidInputException;
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

/** User administration: a city official manages all users, a district official those of its district. */
@Controller
class UserAdminController {

    static final int PAGE_SIZE = 50;

    record NewUserForm(
            @NotBlank @Size(max = 60) String username,
            @NotBlank @Size(max = 100) String displayName,
            @NotNull Role role,
            @Nullable String districtCode,
            @Nullable String departmentCode,
            @Nullable String enterpriseUscc,
            @NotBlank String password) {
        static NewUserForm empty(Actor admin) {
            return new NewUserForm("", "", null, admin.districtCode(), null, null, "");
        }
    }

    private final UserAdministration administration;
    private final EnterpriseSignUps signUps;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Clock clock;

    private final EnterpriseDirectory enterprises;

    UserAdminController(
            UserAdministration administration,
            EnterpriseSignUps signUps,
            CurrentActor currentActor,
            Geography geography,
            Clock clock,
            EnterpriseDirectory enterprises) {
        this.enterprises = enterprises;
        this.administration = administration;
        this.signUps = signUps;
        this.currentActor = currentActor;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) @Nullable String after,
            HtmxRequest htmx,
            Model model) {
        model.addAttribute("slice", administration.page(currentActor.scope(), q, role, after, PAGE_SIZE));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("roles", Choice.of(Role.values(), r -> "role." + r.name()));
        model.addAttribute("geography", geography);
        if (htmx.isHtmxRequest()) {
            return after == null ? "admin/users/list :: results" : "admin/users/list :: rows";
        }
        model.addAttribute("pending", signUps.pending(currentActor.scope()));
        return "admin/users/list";
    }

    @GetMapping("/admin/users/new")
    String initCreationForm(Model model, Locale locale) {
        model.addAttribute("form", NewUserForm.empty(currentActor.get()));
        return creationForm(model, locale);
    }

    @PostMapping("/admin/users")
    String processCreationForm(
            @Valid @ModelAttribute("form") NewUserForm form,
            BindingResult result,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return creationForm(model, locale);
        }
        UserAccount created;
        try {
            created = administration.create(
                    currentActor.get(),
                    new UserAdministration.NewUser(
                            form.username(),
                            form.displayName(),
                            form.role(),
                            blankToNull(form.districtCode()),
                            blankToNull(form.departmentCode()),
                            blankToNull(form.enterpriseUscc())),
                    form.password());
        } catch (InvalidInputException e) {
            e.rejectInto(result);
            return creationForm(model, locale);
        }
        redirect.addFlashAttribute("success", "accounts.user.created");
        return "redirect:/admin/users/" + created.getId();
    }

    private String creationForm(Model model, Locale locale) {
        Actor admin = currentActor.get();
        model.addAttribute(
                "roles",
                administration.grantableRoles(admin).stream()
                        .sorted()
                        .map(role -> Choice.ofKey(role.name(), "role." + role.name()))
                        .toList());
        model.addAttribute("districts", geography.districtChoices(currentActor.scope(), locale));
        model.addAttribute(
                "departments",
                administration.departments().stream()
                        .map(d -> Choice.ofName(d.code(), d.name(locale)))
                        .toList());
        return "admin/users/form";
    }

    @GetMapping("/admin/users/{id}")
    String show(@PathVariable UUID id, Model model) {
        UserAccount user = administration.find(currentActor.scope(), id);
        model.addAttribute("user", user);
        model.addAttribute(
                "lockedNow",
                user.getLockedUntil() != null && user.getLockedUntil().isAfter(clock.instant()));
        model.addAttribute("geography", geography);
        model.addAttribute("departments", administration.departments());
        model.addAttribute(
                "enterprise",
                user.getEnterpriseId() == null ? null : enterprises.get(Scope.city(), user.getEnterpriseId()));
        return "admin/users/detail";
    }

    @PostMapping("/admin/users/{id}/disable")
    String disable(@PathVariable UUID id, @RequestParam long version, RedirectAttributes redirect) {
        administration.disable(currentActor.scope(), id, version);
        redirect.addFlashAttribute("success", "accounts.user.disabled");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/enable")
    String enable(@PathVariable UUID id, @RequestParam long version, RedirectAttributes redirect) {
        administration.enable(currentActor.scope(), id, version);
        redirect.addFlashAttribute("success", "accounts.user.enabled");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/verify")
    String verify(@PathVariable UUID id, @RequestParam long version, RedirectAttributes redirect) {
        signUps.verify(currentActor.get(), currentActor.scope(), id, version);
        redirect.addFlashAttribute("success", "signup.verified");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/refuse")
    String refuse(
            @PathVariable UUID id,
            @RequestParam long version,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        try {
            signUps.refuse(currentActor.get(), currentActor.scope(), id, version, reason);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
            return "redirect:/admin/users/" + id;
        }
        redirect.addFlashAttribute("success", "signup.refused");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reset-password")
    String resetPassword(@PathVariable UUID id, @RequestParam long version, RedirectAttributes redirect) {
        String temporary = administration.resetPassword(currentActor.scope(), id, version);
        redirect.addFlashAttribute("success", "accounts.user.passwordReset");
        redirect.addFlashAttribute("temporaryPassword", temporary);
        return "redirect:/admin/users/" + id;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
