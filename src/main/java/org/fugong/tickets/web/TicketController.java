package org.fugong.tickets.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseCriteria;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.geography.Geography;
import org.fugong.shell.Choice;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.Slice;
import org.fugong.shell.Times;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketFigures;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketStatus;
import org.fugong.tickets.TicketUnits;
import org.fugong.tickets.internal.Attachments;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.TicketQueries;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The ticket desk's pages: the queues, the filing form, a ticket with its timeline and the steps its reader may take. */
@Controller
class TicketController {

    static final int PAGE_SIZE = 50;

    /** The filing form as typed: text, so that a value out of its list comes back to the form with its message. */
    record TicketForm(
            @Nullable String enterprise,
            @Nullable String category,
            @Nullable String priority,
            @Nullable String title,
            @Nullable String description,
            @Nullable Boolean solvedOnSpot,
            @Nullable String resolution,
            @Nullable MultipartFile attachment) {

        static TicketForm empty(@Nullable String enterprise) {
            return new TicketForm(
                    enterprise == null ? "" : enterprise, "", TicketPriority.NORMAL.name(), "", "", false, "", null);
        }
    }

    private final TicketDesk desk;
    private final TicketQueries queries;
    private final TicketUnits units;
    private final TicketFigures figures;
    private final Attachments attachments;
    private final Notifications notifications;
    private final EnterpriseDirectory enterprises;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final TransactionTemplate transactions;
    private final Times times;
    private final Clock clock;

    TicketController(
            TicketDesk desk,
            TicketQueries queries,
            TicketUnits units,
            TicketFigures figures,
            Attachments attachments,
            Notifications notifications,
            EnterpriseDirectory enterprises,
            CurrentActor currentActor,
            Geography geography,
            TransactionTemplate transactions,
            Times times,
            Clock clock) {
        this.desk = desk;
        this.queries = queries;
        this.units = units;
        this.figures = figures;
        this.attachments = attachments;
        this.notifications = notifications;
        this.enterprises = enterprises;
        this.currentActor = currentActor;
        this.geography = geography;
        this.transactions = transactions;
        this.times = times;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ lists

    @GetMapping("/tickets")
    String list(
            @RequestParam(required = false) TicketQueries.@Nullable View view,
            @RequestParam(required = false) @Nullable TicketStatus status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String after,
            HtmxRequest htmx,
            Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        List<TicketQueries.View> views = queries.views(scope);
        TicketQueries.View shown = view != null && views.contains(view) ? view : views.isEmpty() ? null : views.get(0);
        var filter = shown == null ? null : new TicketQueries.Filter(shown, status, q);
        model.addAttribute(
                "slice",
                filter == null
                        ? new Slice<Ticket>(List.of(), null)
                        : queries.page(actor, scope, filter, after, PAGE_SIZE));
        model.addAttribute("views", views);
        model.addAttribute("view", shown);
        model.addAttribute("status", status);
        model.addAttribute("q", q);
        model.addAttribute("statuses", Choice.of(TicketStatus.values(), TicketStatus::messageKey));
        model.addAttribute("units", units.all());
        model.addAttribute("now", clock.instant());
        model.addAttribute("mayFile", TicketDesk.mayFile(scope));
        if (htmx.isHtmxRequest()) {
            return after == null ? "tickets/list :: results" : "tickets/list :: rows";
        }
        return "tickets/list";
    }

    // ------------------------------------------------------------------ filing

    @GetMapping("/tickets/new")
    String initFilingForm(@RequestParam(required = false) @Nullable String enterprise, Model model) {
        model.addAttribute("form", TicketForm.empty(enterprise));
        return filingForm(model);
    }

    private String filingForm(Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        if (!TicketDesk.mayFile(scope)) {
            throw new AccessDeniedException("This role does not file tickets");
        }
        TicketForm form = (TicketForm) model.getAttribute("form");
        model.addAttribute("categories", Choice.of(TicketCategory.values(), TicketCategory::messageKey));
        model.addAttribute("categoryHelp", TicketCategory.values());
        model.addAttribute("priorities", Choice.of(TicketPriority.values(), TicketPriority::messageKey));
        model.addAttribute("commissioner", actor.hasRole(Role.COMMISSIONER));
        if (actor.hasRole(Role.ENTERPRISE)) {
            model.addAttribute("ownEnterprise", enterprises.get(scope, actor.enterpriseId()));
        } else if (actor.hasRole(Role.COMMISSIONER)) {
            model.addAttribute(
                    "choices",
                    enterprises.search(scope, EnterpriseCriteria.none(), null, 100).items().stream()
                            .map(e -> Choice.ofName(e.id().toString(), e.name()))
                            .toList());
        }
        String text = form == null ? "" : nz(form.title()) + nz(form.description());
        model.addAttribute("similar", text.isBlank() ? List.of() : queries.similarOpen(scope, text, 5));
        return "tickets/form";
    }

    /** Open problems like the one being typed (htmx, while the form is filled in). */
    @GetMapping("/tickets/similar")
    String similar(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String description,
            Model model) {
        String text = (title + description).trim();
        model.addAttribute("similar", text.isEmpty() ? List.of() : queries.similarOpen(currentActor.scope(), text, 5));
        return "tickets/form :: similar";
    }

    @PostMapping("/tickets")
    String processFilingForm(
            @ModelAttribute("form") TicketForm form, BindingResult result, Model model, HttpServletResponse response)
            throws IOException {
        MultipartFile attachment = form.attachment();
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        Map<String, String> problems = new LinkedHashMap<>();
        UUID enterpriseId =
                actor.hasRole(Role.ENTERPRISE) ? actor.enterpriseId() : enterpriseOf(form.enterprise(), problems);
        TicketCategory category = parse(TicketCategory.class, form.category(), "category", problems);
        TicketPriority priority = form.priority() == null || form.priority().isBlank()
                ? TicketPriority.NORMAL
                : parse(TicketPriority.class, form.priority(), "priority", problems);
        boolean attached = attachment != null && !attachment.isEmpty();
        byte[] data = attached ? attachment.getBytes() : new byte[0];
        String filename = attached && attachment.getOriginalFilename() != null ? attachment.getOriginalFilename() : "";
        String attachmentProblem = attached ? Attachments.problem(filename, data) : null;
        if (attachmentProblem != null) {
            problems.put("attachment", attachmentProblem);
        }
        var input = enterpriseId == null || category == null || priority == null
                ? null
                : new TicketDesk.NewTicket(
                        enterpriseId,
                        category,
                        priority,
                        form.title(),
                        form.description(),
                        Boolean.TRUE.equals(form.solvedOnSpot()),
                        form.resolution());
        return new FormStep(result, model, null, response)
                .run(
                        () -> {
                            if (!problems.isEmpty() || input == null) {
                                throw new InvalidInputException(problems);
                            }
                            // The ticket and its attachment are saved together or not at all.
                            Ticket ticket = transactions.execute(status -> {
                                Ticket filed = desk.file(actor, scope, input);
                                if (attached) {
                                    attachments.attach(actor, filed.id(), filename, data);
                                }
                                return filed;
                            });
                            return "redirect:/tickets/" + ticket.id();
                        },
                        () -> filingForm(model));
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
            return enterprises
                    .findByUscc(text.toUpperCase(Locale.ROOT))
                    .map(EnterpriseSummary::id)
                    .orElseGet(() -> {
                        problems.put("enterprise", "ticket.error.enterprise");
                        return null;
                    });
        }
    }

    private static <E extends Enum<E>> @Nullable E parse(
            Class<E> type, @Nullable String value, String field, Map<String, String> problems) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.put(field, "ticket.error." + field);
            return null;
        }
    }

    // ------------------------------------------------------------------ one ticket and its steps

    // ------------------------------------------------------------------ figures and notifications

    @GetMapping("/tickets/figures")
    @ReportingRead
    String figures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            Model model) {
        LocalDate last = to == null ? times.today() : to;
        LocalDate first = from == null ? last.minusDays(13) : from;
        model.addAttribute("figures", figures.figures(currentActor.scope(), first, last));
        model.addAttribute("units", units.all());
        model.addAttribute("geography", geography);
        return "tickets/figures";
    }

    @GetMapping("/notifications")
    String notifications(Model model) {
        Actor actor = currentActor.get();
        model.addAttribute(
                "notifications", notifications.of(actor, currentActor.scope().unitCode(), 100));
        return "tickets/notifications";
    }

    private static String nz(@Nullable String value) {
        return value == null ? "" : value;
    }
}
