package org.fugong.healthcode.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.healthcode.internal.GateDevices;
import org.fugong.shell.FormStep;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The health bureau issues gate devices their credentials and revokes them (route: the bureau only). */
@Controller
class GateDeviceController {

    private final GateDevices devices;
    private final CurrentActor currentActor;

    GateDeviceController(GateDevices devices, CurrentActor currentActor) {
        this.devices = devices;
        this.currentActor = currentActor;
    }

    @GetMapping("/health/devices")
    String page(Model model) {
        model.addAttribute("devices", devices.list());
        if (!model.containsAttribute("device")) {
            model.addAttribute("device", new Object());
        }
        return "healthcode/devices";
    }

    @PostMapping("/health/devices")
    String issue(
            @RequestParam(required = false) @Nullable String name,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return FormStep.ofPage("device", model, redirect, response)
                .run(
                        () -> {
                            // The token is shown on this answer only: never put in the session or a redirect.
                            model.addAttribute("issued", devices.issue(currentActor.get(), name));
                            return page(model);
                        },
                        () -> page(model));
    }

    @PostMapping("/health/devices/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        devices.revoke(currentActor.get(), id);
        redirect.addFlashAttribute("success", "healthcode.device.revoked");
        return "redirect:/health/devices";
    }
}
