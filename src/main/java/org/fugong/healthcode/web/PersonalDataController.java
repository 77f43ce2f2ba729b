package org.fugong.healthcode.web;

import java.time.LocalDate;
import org.fugong.audit.PersonalDataReads;
import org.fugong.shell.Slice;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who read personal data, when, what and why: the health bureau's watch over it (and the city's). */
@Controller
class PersonalDataController {

    private static final int PAGE_SIZE = 100;

    private final PersonalDataReads reads;
    private final Times times;

    PersonalDataController(PersonalDataReads reads, Times times) {
        this.reads = reads;
        this.times = times;
    }

    @GetMapping("/health/personal-data")
    String reads(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate day,
            @RequestParam(required = false) @Nullable String after,
            Model model) {
        Slice<PersonalDataReads.Read> slice = reads.page(
                actor == null || actor.isBlank() ? null : actor.strip(),
                day == null ? null : times.startOfDay(day),
                day == null ? null : times.startOfDay(day.plusDays(1)),
                after,
                PAGE_SIZE);
        model.addAttribute("reads", slice.items());
        model.addAttribute("next", slice.next());
        model.addAttribute("actor", actor);
        model.addAttribute("day", day);
        return "healthcode/personal-data";
    }
}
