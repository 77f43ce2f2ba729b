package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.tickets.CommonIssues;
import org.fugong.tickets.InvalidTicketException;
import org.fugong.tickets.StaleTicketException;
import org.fugong.tickets.TicketStateException;
import org.fugong.tickets.TicketUnits;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.UUID;

/** Common issues: their list, one issue with its tickets, grouping a ticket, one answer for all. */
@Controller
class CommonIssueController {

    private final CommonIssues issues;
    private final TicketUnits units;
    private final CurrentActor currentActor;
    private final JdbcClient jdbc;

    CommonIssueController(CommonIssues issues, TicketUnits units, CurrentActor currentActor, JdbcClient jdbc) {
        this.issues = issues;
        this.units = units;
        this.currentActor = currentActor;
        this.jdbc = jdbc;
    }

    @GetMapping("/tickets/common")
    String list(Model model) {
        model.addAttribute("issues", issues.list(currentActor.get()));
        model.addAttribute("units", units.all());
        return "tickets/common";
    }

    @GetMapping("/tickets/common/{id}")
    String show(@PathVariable UUID id, Model model) {
        return page(id, model, Map.of());
    }

    private String page(UUID id, Model model, Map<String, String> problems) {
        Actor actor = currentActor.get();
        model.addAttribute("issue", issues.get(actor, id));
        model.addAttribute("tickets", issues.tickets(actor, currentActor.scope(), id));
        model.addAttribute("units", units.all());
        model.addAttribute("problems", problems);
        return "tickets/common-issue";
    }

    /** Opens an issue from a ticket page, with that ticket in it. */
    @PostMapping("/tickets/common")
    String open(@RequestParam UUID ticket, @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String unit,
                RedirectAttributes redirect) {
        try {
            var issue = issues.open(currentActor.get(), currentActor.scope(), title, description, unit, ticket);
            redirect.addFlashAttribute("success", "tickets.common.opened");
            return "redirect:/tickets/common/" + issue.id();
        } catch (InvalidTicketException | TicketStateException e) {
            redirect.addFlashAttribute("problem", e instanceof TicketStateException state ? state.messageKey() : "ticket.error.form");
            return "redirect:/tickets/" + ticket;
        }
    }

    /** Adds a ticket, by its number or from its page, to an open issue. */
    @PostMapping("/tickets/common/{id}/tickets")
    String add(@PathVariable UUID id, @RequestParam(required = false) @Nullable String number,
               @RequestParam(required = false) @Nullable UUID ticket, Model model, RedirectAttributes redirect,
               HttpServletResponse response) {
        UUID ticketId = ticket;
        if (ticketId == null && number != null) {
            ticketId = jdbc.sql("select id from ticket where number::text = ?").param(number.trim().replace("#", ""))
                    .query(UUID.class).optional().orElse(null);
        }
        if (ticketId == null) {
            response.setStatus(422);
            return page(id, model, Map.of("number", "ticket.error.number"));
        }
        try {
            issues.add(currentActor.get(), currentActor.scope(), id, ticketId);
        } catch (TicketStateException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", e.messageKey());
            return page(id, model, Map.of());
        }
        redirect.addFlashAttribute("success", "tickets.common.added");
        return "redirect:/tickets/common/" + id;
    }

    @PostMapping("/tickets/common/{id}/resolve")
    String resolve(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String answer,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            issues.resolve(currentActor.get(), id, version, answer);
        } catch (InvalidTicketException e) {
            response.setStatus(422);
            return page(id, model, e.problems());
        } catch (StaleTicketException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "ticket.stale");
            return page(id, model, Map.of());
        }
        redirect.addFlashAttribute("success", "tickets.common.resolved");
        return "redirect:/tickets/common/" + id;
    }
}
