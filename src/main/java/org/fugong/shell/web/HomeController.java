package org.fugong.shell.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Each role's home page: the places its menu leads to, with a line on what each is for. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
