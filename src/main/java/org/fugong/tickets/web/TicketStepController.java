package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
import org.fugong.shell.NotFoundException;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketHandling;
import org.fugong.tickets.TicketReplies;
import org.fugong.tickets.TicketUnits;
import org.fugong.tickets.internal.Attachments;
import org.fugong.tickets.internal.TicketQueries;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One ticket: its page with the timeline, the steps its reader may take there, and its attachments. */
@Controller
class TicketStepController {

    /** The fields of the steps on a ticket's page; each step reads the ones it needs. */
    record StepForm(
            @Nullable Long version,
            @Nullable String text,
            @Nullable String resolution,
            @Nullable String unit,
            @Nullable String reason,
            @Nullable String note) {

        static StepForm of(Ticket ticket) {
            return new StepForm(ticket.version(), "", "", ticket.unitCode(), "", "");
        }

        long at() {
            return version == null ? -1 : version;
        }
    }

    private final TicketDesk desk;
    private final TicketHandling handling;
    private final TicketReplies replies;
    private final TicketQueries queries;
    private final TicketUnits units;
    private final Attachments attachments;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Clock clock;

    TicketStepController(
            TicketDesk desk,
            TicketHandling handling,
            TicketReplies replies,
            TicketQueries queries,
            TicketUnits units,
            Attachments attachments,
            CurrentActor currentActor,
            Geography geography,
            Clock clock) {
        this.desk = desk;
        this.handling = handling;
        this.replies = replies;
        this.queries = queries;
        this.units = units;
        this.attachments = attachments;
        this.currentActor = currentActor;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping("/tickets/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("step", StepForm.of(desk.get(currentActor.scope(), id)));
        return detail(id, model);
    }

    private String detail(UUID id, Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        Ticket ticket = desk.get(scope, id);
        if (!model.containsAttribute("step")) {
            model.addAttribute("step", StepForm.of(ticket));
        }
        model.addAttribute("ticket", ticket);
        model.addAttribute("timeline", queries.timeline(id));
        model.addAttribute("attachments", attachments.of(scope, id));
        model.addAttribute("handler", TicketHandling.handles(scope, ticket));
        model.addAttribute("currentUserId", actor.id());
        model.addAttribute("owner", TicketReplies.owns(scope, ticket));
        model.addAttribute("callsBack", TicketHandling.callsBack(scope, ticket));
        model.addAttribute("units", units.all());
        model.addAttribute("unitList", units.list());
        model.addAttribute("geography", geography);
        model.addAttribute("now", clock.instant());
        return "tickets/detail";
    }

    /**
     * A step on the ticket's page, named by the last part of its address: each reads from the step
     * form what it needs and says what it did.
     */
    @PostMapping({
        "/tickets/{id}/respond",
        "/tickets/{id}/take",
        "/tickets/{id}/ask",
        "/tickets/{id}/transfer",
        "/tickets/{id}/difficult",
        "/tickets/{id}/resolve",
        "/tickets/{id}/reply",
        "/tickets/{id}/confirm",
        "/tickets/{id}/reopen",
        "/tickets/{id}/follow-up"
    })
    String step(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            @RequestParam(defaultValue = "true") boolean satisfied,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        long at = step.at();
        String name = FormStep.stepName(request);
        String done = name.equals("follow-up") ? (satisfied ? "closed" : "reopened") : SAVED.get(name);
        Runnable taken = switch (name) {
            case "respond" -> () -> handling.respond(actor, scope, id, at, step.text());
            case "take" -> () -> handling.take(actor, scope, id, at);
            case "ask" -> () -> handling.askEnterprise(actor, scope, id, at, step.text());
            case "transfer" -> () -> handling.transfer(actor, scope, id, at, nz(step.unit()), step.reason());
            case "difficult" -> () -> handling.markDifficult(actor, scope, id, at, step.reason());
            case "resolve" -> () -> handling.resolve(actor, scope, id, at, step.resolution());
            case "reply" -> () -> replies.reply(actor, scope, id, at, step.text());
            case "confirm" -> () -> replies.confirm(actor, scope, id, at);
            case "reopen" -> () -> replies.reopen(actor, scope, id, at, step.reason());
            case "follow-up" -> () -> handling.followUp(actor, scope, id, at, satisfied, step.note());
            default -> throw new NotFoundException("step", name);
        };
        return new FormStep(result, model, redirect, response)
                .run(taken, "ticket.saved." + done, "/tickets/" + id, () -> detail(id, model));
    }

    /** What each step says it did (the message key after {@code ticket.saved.}). */
    private static final Map<String, String> SAVED = Map.of(
            "respond", "responded",
            "take", "taken",
            "ask", "asked",
            "transfer", "transferred",
            "difficult", "difficult",
            "resolve", "resolved",
            "reply", "replied",
            "confirm", "confirmed",
            "reopen", "reopened");

    @GetMapping("/tickets/{id}/attachments/{attachment}")
    ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID attachment) {
        var content = attachments.read(currentActor.scope(), id, attachment);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().contentType()))
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename(content.attachment().filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(content.data());
    }

    private static String nz(@Nullable String value) {
        return value == null ? "" : value;
    }
}
