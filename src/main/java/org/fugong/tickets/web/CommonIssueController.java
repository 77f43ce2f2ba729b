package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.tickets.CommonIssues;
import org.fugong.tickets.TicketUnits;
import org.fugong.tickets.internal.TicketQueries;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Common issues: their list, one issue with its tickets, grouping a ticket, one answer for all. */
@Controller
class CommonIssueController {

    /** The fields of an issue's page: a ticket to add (by number), the answer for all, the version answered. */
    record IssueForm(
            @Nullable Long version,
            @Nullable String number,
            @Nullable String answer) {}

    private final CommonIssues issues;
    private final TicketQueries queries;
    private final TicketUnits units;
    private final CurrentActor currentActor;

    CommonIssueController(CommonIssues issues, TicketQueries queries, TicketUnits units, CurrentActor currentActor) {
        this.issues = issues;
        this.queries = queries;
        this.units = units;
        this.currentActor = currentActor;
    }

    @GetMapping("/tickets/common")
    String list(Model model) {
        model.addAttribute("issues", issues.list(currentActor.scope()));
        model.addAttribute("units", units.all());
        return "tickets/common";
    }

    @GetMapping("/tickets/common/{id}")
    String show(@PathVariable UUID id, Model model) {
        return page(id, model);
    }

    private String page(UUID id, Model model) {
        Scope scope = currentActor.scope();
        var issue = issues.get(scope, id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new IssueForm(issue.version(), "", ""));
        }
        model.addAttribute("issue", issue);
        model.addAttribute("tickets", issues.tickets(scope, id));
        model.addAttribute("units", units.all());
        return "tickets/common-issue";
    }

    /** Opens an issue from a ticket page, with that ticket in it. */
    @PostMapping("/tickets/common")
    String open(
            @RequestParam UUID ticket,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String unit,
            RedirectAttributes redirect) {
        try {
            var issue = issues.open(currentActor.get(), currentActor.scope(), title, description, unit, ticket);
            redirect.addFlashAttribute("success", "tickets.common.opened");
            return "redirect:/tickets/common/" + issue.id();
        } catch (InvalidInputException | RefusedChangeException refused) {
            // The form sits on the ticket's page: back there, with why.
            redirect.addFlashAttribute(
                    "problem", refused instanceof RefusedChangeException ? refused.messageKey() : "error.form");
            return "redirect:/tickets/" + ticket;
        }
    }

    /** Adds a ticket, by its number or from its page, to an open issue. */
    @PostMapping("/tickets/common/{id}/tickets")
    String add(
            @PathVariable UUID id,
            @ModelAttribute("form") IssueForm form,
            BindingResult result,
            @RequestParam(required = false) @Nullable UUID ticket,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Scope scope = currentActor.scope();
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> {
                            UUID ticketId = ticket != null
                                    ? ticket
                                    : form.number() == null || form.number().isBlank()
                                            ? null
                                            : queries.byNumber(scope, form.number());
                            if (ticketId == null) {
                                throw InvalidInputException.of("number", "ticket.error.number");
                            }
                            issues.add(currentActor.get(), scope, id, ticketId);
                        },
                        "tickets.common.added",
                        "/tickets/common/" + id,
                        () -> page(id, model));
    }

    @PostMapping("/tickets/common/{id}/resolve")
    String resolve(
            @PathVariable UUID id,
            @ModelAttribute("form") IssueForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> issues.resolve(
                                currentActor.get(),
                                currentActor.scope(),
                                id,
                                form.version() == null ? -1 : form.version(),
                                form.answer()),
                        "tickets.common.resolved",
                        "/tickets/common/" + id,
                        () -> page(id, model));
    }
}
