package org.fugong.tickets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.geography.Geography;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.Times;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketChannel;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketFigures;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketUnits;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The desk's JSON API: its figures for the dashboard, and intake and status for hotline systems,
 * with the fields of Open311 GeoReport v2 where they fit (service_code is the category,
 * account_id the enterprise's credit code, agency_responsible the handling unit, expected_datetime
 * the time limit). Signed in with HTTP Basic as an official or an enterprise account.
 */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets", description = "Problem tickets: Open311-style intake and status, and the desk's figures")
class TicketApi {

    /** An Open311 service: one per ticket category. */
    record Service(
            String service_code,
            String service_name,
            String description,
            boolean metadata,
            String type,
            String keywords,
            String group) {}

    /** An Open311 service request as read back. */
    record ServiceRequest(
            String service_request_id,
            long number,
            String status,
            String status_notes,
            String service_name,
            String service_code,
            String description,
            String agency_responsible,
            String service_notice,
            OffsetDateTime requested_datetime,
            @Nullable OffsetDateTime updated_datetime,
            OffsetDateTime expected_datetime,
            String address,
            String account_id,
            String priority,
            String escalation) {}

    record Created(String service_request_id, String service_notice, String account_id) {}

    private final TicketDesk desk;
    private final TicketFigures figures;
    private final TicketUnits units;
    private final EnterpriseDirectory enterprises;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Times times;

    TicketApi(
            TicketDesk desk,
            TicketFigures figures,
            TicketUnits units,
            EnterpriseDirectory enterprises,
            CurrentActor currentActor,
            Geography geography,
            Times times) {
        this.desk = desk;
        this.figures = figures;
        this.units = units;
        this.enterprises = enterprises;
        this.currentActor = currentActor;
        this.geography = geography;
        this.times = times;
    }

    @GetMapping("/figures")
    @ReportingRead
    @Operation(
            summary =
                    "Backlog, overdue, SLA compliance, median hours to resolve, reminders, escalations and satisfaction, "
                            + "per unit, per district and per day, for tickets filed in [from, to] (default: the last 14 days)")
    TicketFigures.Figures figures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        LocalDate last = to == null ? times.today() : to;
        return figures.figures(currentActor.scope(), from == null ? last.minusDays(13) : from, last);
    }

    @GetMapping("/open311/services.json")
    @Operation(summary = "Open311 service list: the ticket categories")
    List<Service> services() {
        return Arrays.stream(TicketCategory.values())
                .map(c -> new Service(
                        c.name(), c.name(), c.name().toLowerCase(Locale.ROOT), false, "realtime", "", "enterprise"))
                .toList();
    }

    @PostMapping("/open311/requests.json")
    @Operation(
            summary =
                    "Open311 intake: service_code (category), description, account_id (the enterprise's unified social "
                            + "credit code; an enterprise account files for itself), optional title, priority (NORMAL or URGENT) and "
                            + "requested_datetime (when the call came in)")
    ResponseEntity<List<Created>> create(
            @RequestParam("service_code") String serviceCode,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(name = "account_id", required = false) @Nullable String accountId,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(defaultValue = "NORMAL") String priority,
            @RequestParam(name = "requested_datetime", required = false) @Nullable OffsetDateTime requested) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        if (!TicketDesk.mayFile(scope)) {
            throw new AccessDeniedException("This role does not file tickets");
        }
        TicketCategory category;
        TicketPriority urgency;
        try {
            category = TicketCategory.valueOf(serviceCode.toUpperCase(Locale.ROOT));
            urgency = TicketPriority.valueOf(priority.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Map.of("service_code", "ticket.error.category"));
        }
        UUID enterpriseId = actor.hasRole(Role.ENTERPRISE)
                ? actor.enterpriseId()
                : enterprises
                        .findByUscc(accountId == null ? "" : accountId.trim().toUpperCase(Locale.ROOT))
                        .map(EnterpriseSummary::id)
                        .orElseThrow(() -> new InvalidInputException(Map.of("account_id", "ticket.error.enterprise")));
        String text = description == null ? "" : description.trim();
        String heading = title != null && !title.isBlank()
                ? title.trim()
                : text.codePointCount(0, text.length()) > 30
                        ? text.substring(0, text.offsetByCodePoints(0, 30)) + "…"
                        : text;
        Instant received = requested == null ? null : requested.toInstant();
        var input = new TicketDesk.NewTicket(enterpriseId, category, urgency, heading, text, false, null);
        Ticket ticket = received == null
                ? desk.file(actor, scope, input, TicketChannel.API)
                : desk.file(actor, scope, input, TicketChannel.API, received);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(List.of(new Created(
                        ticket.id().toString(),
                        "#" + ticket.number(),
                        enterprises.get(scope, ticket.enterpriseId()).uscc())));
    }

    @GetMapping("/open311/requests/{id}.json")
    @Operation(summary = "Open311 status of one service request, if the caller may see it")
    List<ServiceRequest> request(@PathVariable UUID id) {
        Ticket t = desk.get(currentActor.scope(), id);
        String agency = units.find(t.unitCode()).map(u -> u.nameZh()).orElse(t.unitCode());
        return List.of(new ServiceRequest(
                t.id().toString(),
                t.number(),
                t.status().open() ? "open" : "closed",
                t.status().name(),
                t.category().name(),
                t.category().name(),
                t.description(),
                agency,
                "#" + t.number(),
                t.filedAt().atZone(times.zone()).toOffsetDateTime(),
                null,
                t.solutionDue().atZone(times.zone()).toOffsetDateTime(),
                geography.district(t.districtCode()).map(d -> d.nameZh()).orElse(t.districtCode()),
                enterprises.get(Scope.city(), t.enterpriseId()).uscc(),
                t.priority().name(),
                "LEVEL_" + t.escalationLevel()));
    }

    /** Open311 answers a refused request with its own error list, which hotline systems read; the rest is the shell's. */
    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<List<Map<String, Object>>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest()
                .body(e.problems().entrySet().stream()
                        .map(p -> Map.<String, Object>of("code", 400, "description", p.getKey() + ": " + p.getValue()))
                        .toList());
    }
}
