package org.fugong.healthcode.web;

import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The gate checker's page: a scanner types the code into the field; the colour shows large. */
@Controller
class GateController {

    private final HealthCodes codes;
    private final GateScans scans;

    GateController(HealthCodes codes, GateScans scans) {
        this.codes = codes;
        this.scans = scans;
    }

    @GetMapping("/gate")
    String page(Model model) {
        return "healthcode/gate";
    }

    @PostMapping("/gate/check")
    String check(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "gate") String gate,
            @RequestParam(defaultValue = "false") boolean online,
            Model model) {
        HealthCodes.Verification result = online ? codes.verifyOnline(token) : codes.verify(token);
        String name = GateScans.gateName(gate);
        scans.record(name == null ? "gate" : name, result);
        model.addAttribute("result", result);
        return "healthcode/gate :: result";
    }
}
