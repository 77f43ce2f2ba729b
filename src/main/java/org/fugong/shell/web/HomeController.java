package org.fugong.shell.web;

import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Each role's home page: the places its menu leads to, with a line on what each is for; a
 * commissioner's home is his work (the visits worklist).
 */
@Controller
class HomeController {

    private final CurrentActor currentActor;

    HomeController(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    @GetMapping("/")
    String home() {
        return currentActor.find().filter(a -> a.hasRole(Role.COMMISSIONER)).isPresent() ? "redirect:/visits" : "home";
    }
}
