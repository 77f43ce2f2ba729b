package org.fugong.visits.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.Times;
import org.fugong.visits.Light;
import org.fugong.visits.VisitFigures;
import org.fugong.visits.internal.LightRules;
import org.fugong.visits.internal.Lights;
import org.fugong.visits.internal.VisitLog;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The commissioners' JSON API for phones and devices: a visit (its id made on the phone, so a visit
 * sent twice is recorded once) and an enterprise's light; the figures for the dashboard. Scoped like
 * every page: a commissioner only for his enterprises, a district only its own.
 */
@RestController
@RequestMapping("/api/visits")
@Tag(name = "Visits", description = "Commissioners' visits and the three-colour compliance lights")
class VisitApi {

    /** A reason in words (in the request's language) and as data. */
    record ReasonJson(String key, List<String> args, String text) {}

    record Answer(
            UUID id, boolean created, Light visitLight, Light enterpriseLight, List<ReasonJson> reasons, String url) {}

    record LightJson(
            String creditCode,
            @Nullable Light colour,
            @Nullable Instant since,
            @Nullable UUID visitId,
            @Nullable Integer ruleVersion,
            List<ReasonJson> reasons,
            boolean approvalSuspended) {}

    private final VisitLog visits;
    private final Lights lights;
    private final EnterpriseDirectory enterprises;
    private final VisitFigures figures;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final Times times;

    VisitApi(
            VisitLog visits,
            Lights lights,
            EnterpriseDirectory enterprises,
            VisitFigures figures,
            CurrentActor currentActor,
            MessageSource messages,
            Times times) {
        this.visits = visits;
        this.lights = lights;
        this.enterprises = enterprises;
        this.figures = figures;
        this.currentActor = currentActor;
        this.messages = messages;
        this.times = times;
    }

    @PostMapping
    @Operation(
            summary = "Record a visit",
            description = "A commissioner's visit to one of his enterprises, with its id made on the phone. 201 when"
                    + " recorded, 200 when the same visit was already recorded (nothing changes), 409 when the id"
                    + " carries another visit, 400 with the problems per field, 403 for an enterprise not assigned.")
    ResponseEntity<Answer> record(@RequestBody VisitForms.VisitJson json, Locale locale) {
        VisitLog.Recorded recorded = visits.record(currentActor.get(), currentActor.scope(), VisitForms.fromJson(json));
        VisitLog.Visit visit = recorded.visit();
        Answer answer = new Answer(
                visit.id(),
                recorded.created(),
                visit.light(),
                recorded.lightAfter(),
                words(visit.reasons(), locale),
                "/visits/" + visit.id());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    @GetMapping("/lights/{creditCode}")
    @Operation(summary = "An enterprise's light: colour, since, reasons, rule version")
    LightJson light(@PathVariable String creditCode, Locale locale) {
        Scope scope = currentActor.scope();
        EnterpriseSummary enterprise = enterprises
                .findByUscc(creditCode.trim().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("enterprise", creditCode));
        enterprises.get(scope, enterprise.id());
        Lights.Current current = lights.current(enterprise.id());
        if (current == null) {
            return new LightJson(enterprise.uscc(), null, null, null, null, List.of(), false);
        }
        return new LightJson(
                enterprise.uscc(),
                current.colour(),
                current.since(),
                current.visitId(),
                current.ruleVersion(),
                words(current.reasons(), locale),
                current.suspendedAt() != null);
    }

    @GetMapping("/figures")
    @ReportingRead
    @Operation(summary = "Visits, lights, orders and talks per district and day, in the reader's scope")
    VisitFigures.Figures figures(
            @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to) {
        LocalDate end = to == null ? times.today() : to;
        LocalDate start = from == null || from.isAfter(end) ? end.minusDays(20) : from;
        if (start.isBefore(end.minusDays(366))) {
            start = end.minusDays(366);
        }
        return figures.figures(currentActor.scope(), start, end);
    }

    private List<ReasonJson> words(List<LightRules.Reason> reasons, Locale locale) {
        return reasons.stream()
                .map(r -> new ReasonJson(
                        r.key(), r.args(), messages.getMessage(r.key(), r.args().toArray(), r.key(), locale)))
                .toList();
    }
}
