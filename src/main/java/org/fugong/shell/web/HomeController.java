package org.fugong.shell.web;

import java.util.List;
import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.shell.HomePage;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Each role's home page: the page a module claims for the actor (the dashboard, the worklist, the
 * queue, the enterprise's standing), else the places its menu leads to, with a line on each; the
 * menu stays at {@code /menu} for everyone.
 */
@Controller
class HomeController {

    private final CurrentActor currentActor;
    private final List<HomePage> homePages;

    HomeController(CurrentActor currentActor, List<HomePage> homePages) {
        this.currentActor = currentActor;
        this.homePages = homePages;
    }

    @GetMapping("/")
    String home() {
        Optional<Actor> actor = currentActor.find();
        if (actor.isPresent()) {
            for (HomePage page : homePages) {
                Optional<String> path = page.pathFor(actor.get());
                if (path.isPresent()) {
                    return "redirect:" + path.get();
                }
            }
        }
        return "home";
    }

    @GetMapping("/menu")
    String menu() {
        return "home";
    }
}
