package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseCriteria;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.geography.Geography;
import org.fugong.shell.Times;
import org.fugong.tickets.Attachments;
import org.fugong.tickets.InvalidTicketException;
import org.fugong.tickets.Notifications;
import org.fugong.tickets.StaleTicketException;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketFigures;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketQueries;
import org.fugong.tickets.TicketStateException;
import org.fugong.tickets.TicketStatus;
import org.fugong.tickets.TicketUnits;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The ticket desk's pages: the queues, the filing form, a ticket with its timeline and the steps its reader may take. */
@Controller
class TicketController {

    static final int PAGE_SIZE = 50;

    private final TicketDesk desk;
    private final TicketQueries queries;
    private final TicketUnits units;
    private final Notifications notifications;
    private final EnterpriseDirectory enterprises;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Clock clock;
    private final TicketFigures figureService;
    private final Times times;
    private final Attachments attachments;
    private final TransactionTemplate transactions;

    TicketController(Attachments attachments,
                     TransactionTemplate transactions, TicketDesk desk, TicketQueries queries, TicketUnits units, Notifications notifications,
                     EnterpriseDirectory enterprises, CurrentActor currentActor, Geography geography, Clock clock,
                     TicketFigures figureService, Times times) {
        this.figureService = figureService;
        this.attachments = attachments;
        this.transactions = transactions;
        this.times = times;
        this.desk = desk;
        this.queries = queries;
        this.units = units;
        this.notifications = notifications;
        this.enterprises = enterprises;
        this.currentActor = currentActor;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping("/tickets")
    String list(@RequestParam(required = false) TicketQueries.@Nullable View view,
                @RequestParam(required = false) @Nullable TicketStatus status,
                @RequestParam(required = false) @Nullable String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = currentActor.get();
        List<TicketQueries.View> views = queries.views(actor);
        TicketQueries.View shown = view != null && views.contains(view) ? view : views.isEmpty() ? null : views.get(0);
        int safePage = Math.max(0, page);
        List<Ticket> tickets = shown == null ? List.of()
                : queries.list(actor, currentActor.scope(), shown, status, q, PAGE_SIZE + 1, safePage * PAGE_SIZE);
        model.addAttribute("tickets", tickets.size() > PAGE_SIZE ? tickets.subList(0, PAGE_SIZE) : tickets);
        model.addAttribute("hasNext", tickets.size() > PAGE_SIZE);
        model.addAttribute("page", safePage);
        model.addAttribute("views", views);
        model.addAttribute("view", shown);
        model.addAttribute("status", status);
        model.addAttribute("q", q);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("units", units.all());
        model.addAttribute("geography", geography);
        model.addAttribute("now", clock.instant());
        model.addAttribute("mayFile", mayFile(actor));
        return "tickets/list";
    }

    private static boolean mayFile(Actor actor) {
        return actor.hasRole(Role.ENTERPRISE) || actor.hasRole(Role.COMMISSIONER) || actor.hasRole(Role.CITY_OFFICIAL)
                || actor.hasRole(Role.DISTRICT_OFFICIAL);
    }

    @GetMapping("/tickets/new")
    String newTicket(@RequestParam(required = false) @Nullable String enterprise, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("enterprise", enterprise == null ? "" : enterprise);
        form.put("category", "");
        form.put("priority", TicketPriority.NORMAL.name());
        return form(model, form, Map.of());
    }

    private String form(Model model, Map<String, String> form, Map<String, String> problems) {
        Actor actor = currentActor.get();
        if (!mayFile(actor)) {
            throw new AccessDeniedException("This role does not file tickets");
        }
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("categories", TicketCategory.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("commissioner", actor.hasRole(Role.COMMISSIONER));
        if (actor.hasRole(Role.ENTERPRISE)) {
            model.addAttribute("ownEnterprise", enterprises.get(currentActor.scope(), actor.enterpriseId()));
        } else if (actor.hasRole(Role.COMMISSIONER)) {
            model.addAttribute("choices", enterprises.search(currentActor.scope(),
                    new EnterpriseCriteria(null, null, null, null, null, null), null, 100).items());
        }
        String text = form.getOrDefault("title", "") + form.getOrDefault("description", "");
        model.addAttribute("similar", text.isBlank() ? List.of() : queries.similarOpen(actor, currentActor.scope(), text, 5));
        return "tickets/form";
    }

    /** Open problems like the one being typed (htmx, while the form is filled in). */
    @GetMapping("/tickets/similar")
    String similar(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String description,
                   Model model) {
        String text = (title + description).trim();
        model.addAttribute("similar", text.isEmpty() ? List.of()
                : queries.similarOpen(currentActor.get(), currentActor.scope(), text, 5));
        return "tickets/form :: similar";
    }

    @PostMapping("/tickets")
    String file(@RequestParam Map<String, String> params,
                @RequestParam(name = "attachment", required = false) @Nullable MultipartFile attachment,
                Model model, HttpServletResponse response) throws IOException {
        Actor actor = currentActor.get();
        Map<String, String> problems = new LinkedHashMap<>();
        UUID enterpriseId = actor.hasRole(Role.ENTERPRISE) ? actor.enterpriseId() : enterpriseOf(params.get("enterprise"), problems);
        TicketCategory category = parse(TicketCategory.class, params.get("category"), "category", problems);
        TicketPriority priority = parse(TicketPriority.class, params.getOrDefault("priority", "NORMAL"), "priority", problems);
        boolean solvedOnSpot = "true".equals(params.get("solvedOnSpot"));
        boolean attached = attachment != null && !attachment.isEmpty();
        byte[] data = attached ? attachment.getBytes() : new byte[0];
        String filename = attached && attachment.getOriginalFilename() != null ? attachment.getOriginalFilename() : "";
        if (attached && Attachments.problem(filename, data) != null) {
            problems.put("attachment", Attachments.problem(filename, data));
        }
        if (!problems.isEmpty() || enterpriseId == null || category == null || priority == null) {
            response.setStatus(422);
            return form(model, params, problems);
        }
        try {
            var input = new TicketDesk.NewTicket(enterpriseId, category, priority, params.get("title"),
                    params.get("description"), solvedOnSpot, params.get("resolution"));
            // The ticket and its attachment are saved together or not at all.
            Ticket ticket = transactions.execute(status -> {
                Ticket filed = desk.file(actor, currentActor.scope(), input);
                if (attached) {
                    attachments.attach(actor, filed.id(), filename, data);
                }
                return filed;
            });
            return "redirect:/tickets/" + ticket.id();
        } catch (InvalidTicketException e) {
            response.setStatus(422);
            return form(model, params, e.problems());
        }
    }

    private @Nullable UUID enterpriseOf(@Nullable String value, Map<String, String> problems) {
        if (value == null || value.isBlank()) {
            problems.put("enterprise", "ticket.error.enterprise");
            return null;
        }
        String text = value.trim();
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return enterprises.findByUscc(text.toUpperCase(Locale.ROOT)).map(EnterpriseSummary::id).orElseGet(() -> {
                problems.put("enterprise", "ticket.error.enterprise");
                return null;
            });
        }
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, String field,
                                                         Map<String, String> problems) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.put(field, "ticket.error." + field);
            return null;
        }
    }

    @GetMapping("/tickets/{id}")
    String show(@PathVariable UUID id, Model model) {
        return detail(id, model, Map.of());
    }

    private String detail(UUID id, Model model, Map<String, String> problems) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        Ticket ticket = desk.get(actor, scope, id);
        model.addAttribute("ticket", ticket);
        model.addAttribute("timeline", desk.timeline(actor, scope, id));
        model.addAttribute("attachments", attachments.of(actor, scope, id));
        model.addAttribute("handler", desk.handles(actor, ticket));
        model.addAttribute("currentUserId", actor.id());
        model.addAttribute("owner", TicketDesk.owns(actor, ticket));
        model.addAttribute("callsBack", desk.callsBack(actor, ticket));
        model.addAttribute("units", units.all());
        model.addAttribute("unitList", units.list());
        model.addAttribute("geography", geography);
        model.addAttribute("now", clock.instant());
        model.addAttribute("problems", problems);
        return "tickets/detail";
    }

    @PostMapping("/tickets/{id}/respond")
    String respond(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String text,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.responded",
                () -> desk.respond(currentActor.get(), currentActor.scope(), id, version, text));
    }

    @PostMapping("/tickets/{id}/take")
    String take(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.taken",
                () -> desk.take(currentActor.get(), currentActor.scope(), id, version));
    }

    @PostMapping("/tickets/{id}/ask")
    String ask(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String text,
               Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.asked",
                () -> desk.askEnterprise(currentActor.get(), currentActor.scope(), id, version, text));
    }

    @PostMapping("/tickets/{id}/transfer")
    String transfer(@PathVariable UUID id, @RequestParam long version, @RequestParam(defaultValue = "") String unit,
                    @RequestParam(required = false) @Nullable String reason, Model model, RedirectAttributes redirect,
                    HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.transferred",
                () -> desk.transfer(currentActor.get(), currentActor.scope(), id, version, unit, reason));
    }

    @PostMapping("/tickets/{id}/difficult")
    String difficult(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String reason,
                     Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.difficult",
                () -> desk.markDifficult(currentActor.get(), currentActor.scope(), id, version, reason));
    }

    @PostMapping("/tickets/{id}/resolve")
    String resolve(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String resolution,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.resolved",
                () -> desk.resolve(currentActor.get(), currentActor.scope(), id, version, resolution));
    }

    @PostMapping("/tickets/{id}/reply")
    String reply(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String text,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.replied",
                () -> desk.reply(currentActor.get(), currentActor.scope(), id, version, text));
    }

    @PostMapping("/tickets/{id}/confirm")
    String confirm(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.confirmed",
                () -> desk.confirm(currentActor.get(), currentActor.scope(), id, version));
    }

    @PostMapping("/tickets/{id}/reopen")
    String reopen(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String reason,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(id, model, redirect, response, "ticket.saved.reopened",
                () -> desk.reopen(currentActor.get(), currentActor.scope(), id, version, reason));
    }

    @PostMapping("/tickets/{id}/follow-up")
    String followUp(@PathVariable UUID id, @RequestParam long version, @RequestParam(defaultValue = "true") boolean satisfied,
                    @RequestParam(required = false) @Nullable String note, Model model, RedirectAttributes redirect,
                    HttpServletResponse response) {
        return act(id, model, redirect, response, satisfied ? "ticket.saved.closed" : "ticket.saved.reopened",
                () -> desk.followUp(currentActor.get(), currentActor.scope(), id, version, satisfied, note));
    }

    private String act(UUID id, Model model, RedirectAttributes redirect, HttpServletResponse response, String success,
                       Supplier<Ticket> step) {
        try {
            step.get();
            redirect.addFlashAttribute("success", success);
            return "redirect:/tickets/" + id;
        } catch (InvalidTicketException e) {
            response.setStatus(422);
            model.addAttribute("problem", "ticket.error.form");
            return detail(id, model, e.problems());
        } catch (StaleTicketException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "ticket.stale");
            return detail(id, model, Map.of());
        } catch (TicketStateException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", e.messageKey());
            return detail(id, model, Map.of());
        }
    }

    @GetMapping("/tickets/{id}/attachments/{attachment}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID attachment) {
        var content = attachments.read(currentActor.get(), currentActor.scope(), id, attachment);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().contentType()))
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(content.attachment().filename(), StandardCharsets.UTF_8).build().toString())
                .body(content.data());
    }

    @GetMapping("/tickets/figures")
    String figures(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
                   Model model) {
        Actor actor = currentActor.get();
        LocalDate last = to == null ? times.today() : to;
        LocalDate first = from == null ? last.minusDays(13) : from;
        model.addAttribute("figures", figureService.figures(actor, currentActor.scope(), first, last));
        model.addAttribute("units", units.all());
        model.addAttribute("geography", geography);
        return "tickets/figures";
    }

    @GetMapping("/notifications")
    String notifications(Model model) {
        Actor actor = currentActor.get();
        model.addAttribute("notifications", notifications.of(actor, units.unitOf(actor).orElse(null), 100));
        return "tickets/notifications";
    }
}
