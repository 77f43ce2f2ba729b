package org.fugong.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fugong.accounts.internal.EnterpriseSignUps;
import org.fugong.shell.FormStep;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An enterprise signs up itself, without an account: its credit code, the person and the phone,
 * the credentials. The account opens when the enterprise's district verifies it.
 */
@Controller
class SignUpController {

    record SignUpForm(
            @NotBlank @Size(max = 18) String uscc,
            @NotBlank @Size(max = 100) String contactName,
            @NotBlank @Size(max = 20) String contactPhone,
            @NotBlank @Size(max = 60) String username,
            @NotBlank String password,
            @NotBlank String passwordConfirmation) {
        static SignUpForm empty() {
            return new SignUpForm("", "", "", "", "", "");
        }
    }

    private final EnterpriseSignUps signUps;

    SignUpController(EnterpriseSignUps signUps) {
        this.signUps = signUps;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", SignUpForm.empty());
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(
            @Valid @ModelAttribute("form") SignUpForm form,
            BindingResult result,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!result.hasFieldErrors("password")
                && !result.hasFieldErrors("passwordConfirmation")
                && !form.password().equals(form.passwordConfirmation())) {
            result.rejectValue("passwordConfirmation", "accounts.error.password.mismatch");
        }
        if (result.hasErrors()) {
            return "signup";
        }
        // The same answer whether an account was made or not: the outcome goes to the phone.
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> signUps.signUp(
                                new EnterpriseSignUps.SignUp(
                                        form.uscc(),
                                        form.contactName(),
                                        form.contactPhone(),
                                        form.username(),
                                        form.password()),
                                request.getRemoteAddr()),
                        "signup.received",
                        "/login",
                        () -> "signup");
    }
}
