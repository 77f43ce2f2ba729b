package org.fugong.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.fugong.access.CurrentActor;
import org.fugong.accounts.internal.LoginAttempts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private final CurrentActor currentActor;
    private final LoginAttempts signIn;

    LoginController(CurrentActor currentActor, LoginAttempts signIn) {
        this.currentActor = currentActor;
        this.signIn = signIn;
    }

    @GetMapping("/login")
    String login(
            @RequestParam(required = false) @Nullable String error,
            HttpSession session,
            HttpServletRequest request,
            Model model) {
        if (currentActor.find().isPresent()) {
            return "redirect:/";
        }
        String username = (String) session.getAttribute(LoginAttempts.LAST_USERNAME);
        model.addAttribute("username", username == null ? "" : username);
        if (error != null) {
            model.addAttribute(
                    "error",
                    switch (error) {
                        case "locked", "disabled", "pending", "throttled" -> error;
                        default -> "bad";
                    });
            signIn.lockedUntil(username, LoginAttempts.addressOf(request))
                    .ifPresent(until -> model.addAttribute("lockedUntil", until));
        }
        return "login";
    }
}
