package org.fugong.transport.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingRead;
import org.fugong.transport.TransportFigures;
import org.fugong.transport.internal.Bureau;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Trips;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Returning workers and their trips for systems: register demand, read it, the trips and the figures, all scoped. */
@RestController
@RequestMapping("/api/transport")
@Tag(name = "Transport", description = "Returning workers by origin, chartered trips, arrivals")
class TransportApi {

    private final Demands demands;
    private final Trips trips;
    private final TransportFigures figures;
    private final Bureau bureau;
    private final CurrentActor currentActor;

    TransportApi(Demands demands, Trips trips, TransportFigures figures, Bureau bureau, CurrentActor currentActor) {
        this.demands = demands;
        this.trips = trips;
        this.figures = figures;
        this.bureau = bureau;
        this.currentActor = currentActor;
    }

    private Scope scope() {
        return bureau.viewer(currentActor.get(), currentActor.scope());
    }

    @PostMapping("/demand")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register returning workers",
            description = "So many workers of an employer (its credit code; an enterprise registers for itself) from"
                    + " a county (GB/T 2260 code) wanting to arrive between two days (at most 31). 422 with the"
                    + " problem of each field; nothing is saved then.")
    Map<String, UUID> register(@RequestBody Demands.NewDemand demand) {
        try {
            return Map.of("id", demands.register(currentActor.get(), scope(), demand));
        } catch (InvalidInputException invalid) {
            throw invalid.unprocessable();
        }
    }

    @GetMapping("/demand")
    @ReportingRead
    @Operation(summary = "The registered returning workers in scope, optionally of one origin province (its code)")
    List<Demands.Demand> demand(@RequestParam(required = false) @Nullable String province) {
        return demands.list(scope(), province, null, 1000);
    }

    @GetMapping("/trips")
    @Operation(summary = "The trips carrying workers in scope (an employer: its own workers only in the counts)")
    List<Trips.Trip> trips() {
        return trips.list(scope(), null, null, 1000);
    }

    @GetMapping("/figures")
    @ReportingRead
    @Operation(summary = "Workers expected, planned, arrived and isolated, per district and per employer")
    Map<String, Object> figures() {
        Scope scope = scope();
        return Map.of(
                "byDistrict",
                figures.byDistrict(scope),
                "byEmployer",
                figures.byEmployer(scope, 50),
                "trips",
                figures.trips(scope));
    }
}
