package org.fugong.tickets.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
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

    @PostMapping("/tickets/{id}/respond")
    String respond(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.responded",
                () -> handling.respond(currentActor.get(), currentActor.scope(), id, step.at(), step.text()));
    }

    @PostMapping("/tickets/{id}/take")
    String take(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.taken",
                () -> handling.take(currentActor.get(), currentActor.scope(), id, step.at()));
    }

    @PostMapping("/tickets/{id}/ask")
    String ask(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.asked",
                () -> handling.askEnterprise(currentActor.get(), currentActor.scope(), id, step.at(), step.text()));
    }

    @PostMapping("/tickets/{id}/transfer")
    String transfer(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.transferred",
                () -> handling.transfer(
                        currentActor.get(), currentActor.scope(), id, step.at(), nz(step.unit()), step.reason()));
    }

    @PostMapping("/tickets/{id}/difficult")
    String difficult(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.difficult",
                () -> handling.markDifficult(currentActor.get(), currentActor.scope(), id, step.at(), step.reason()));
    }

    @PostMapping("/tickets/{id}/resolve")
    String resolve(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.resolved",
                () -> handling.resolve(currentActor.get(), currentActor.scope(), id, step.at(), step.resolution()));
    }

    @PostMapping("/tickets/{id}/reply")
    String reply(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.replied",
                () -> replies.reply(currentActor.get(), currentActor.scope(), id, step.at(), step.text()));
    }

    @PostMapping("/tickets/{id}/confirm")
    String confirm(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.confirmed",
                () -> replies.confirm(currentActor.get(), currentActor.scope(), id, step.at()));
    }

    @PostMapping("/tickets/{id}/reopen")
    String reopen(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "ticket.saved.reopened",
                () -> replies.reopen(currentActor.get(), currentActor.scope(), id, step.at(), step.reason()));
    }

    @PostMapping("/tickets/{id}/follow-up")
    String followUp(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            @RequestParam(defaultValue = "true") boolean satisfied,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                satisfied ? "ticket.saved.closed" : "ticket.saved.reopened",
                () -> handling.followUp(
                        currentActor.get(), currentActor.scope(), id, step.at(), satisfied, step.note()));
    }

    private String act(
            UUID id,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response,
            String success,
            Supplier<Ticket> step) {
        return new FormStep(result, model, redirect, response)
                .run(step::get, success, "/tickets/" + id, () -> detail(id, model));
    }

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
