package org.fugong.geography.web;

import org.fugong.geography.Geography;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class GeographyController {

    private final Geography geography;

    GeographyController(Geography geography) {
        this.geography = geography;
    }

    @GetMapping("/geography")
    String list(Model model) {
        model.addAttribute("city", geography.city());
        model.addAttribute("districts", geography.districts());
        model.addAttribute("geography", geography);
        return "geography/list";
    }
}
