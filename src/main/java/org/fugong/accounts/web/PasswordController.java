package org.fugong.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.accounts.UserAdministration;
import org.fugong.shell.InvalidInputException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A user changes its own password; required after an administrator's reset. */
@Controller
class PasswordController {

    record ChangePasswordForm(
            @NotBlank String currentPassword,
            @NotBlank String newPassword,
            @NotBlank String confirmation) {
        static ChangePasswordForm empty() {
            return new ChangePasswordForm("", "", "");
        }
    }

    private final UserAdministration administration;
    private final CurrentActor currentActor;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

    PasswordController(UserAdministration administration, CurrentActor currentActor) {
        this.administration = administration;
        this.currentActor = currentActor;
    }

    @GetMapping("/account/password")
    String initForm(Model model) {
        model.addAttribute("form", ChangePasswordForm.empty());
        return "account/password";
    }

    @PostMapping("/account/password")
    String processForm(
            @Valid @ModelAttribute("form") ChangePasswordForm form,
            BindingResult result,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!result.hasFieldErrors("newPassword") && !form.newPassword().equals(form.confirmation())) {
            result.rejectValue("confirmation", "accounts.error.password.mismatch");
        }
        if (result.hasErrors()) {
            return "account/password";
        }
        Actor refreshed;
        try {
            refreshed =
                    administration.changeOwnPassword(currentActor.get(), form.currentPassword(), form.newPassword());
        } catch (InvalidInputException e) {
            e.rejectInto(result);
            return "account/password";
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(refreshed, null, refreshed.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        redirect.addFlashAttribute("success", "accounts.password.changed");
        return "redirect:/";
    }
}
