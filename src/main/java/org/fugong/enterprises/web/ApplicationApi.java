package org.fugong.enterprises.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ResumptionFigures;
import org.fugong.shell.ReportingRead;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The applications' figures for the resumption index, and one application, in the caller's scope. */
@RestController
@RequestMapping("/api/applications")
@Tag(name = "Applications", description = "Return-to-work applications and the figures of the resumption index")
class ApplicationApi {

    private final ResumptionFigures figures;
    private final ApplicationDesk desk;
    private final CurrentActor currentActor;

    ApplicationApi(ResumptionFigures figures, ApplicationDesk desk, CurrentActor currentActor) {
        this.figures = figures;
        this.desk = desk;
        this.currentActor = currentActor;
    }

    @GetMapping("/figures")
    @ReportingRead
    @Operation(
            summary =
                    "Enterprises by application status, above-scale resumption rate and staff on site, per district and in total")
    ResumptionFigures.CityFigures figures() {
        return figures.figures(currentActor.scope());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One application, if the caller's scope permits it")
    Application application(@PathVariable UUID id) {
        return desk.get(currentActor.scope(), id);
    }
}
