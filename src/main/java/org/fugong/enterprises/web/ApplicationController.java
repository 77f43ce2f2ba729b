package org.fugong.enterprises.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.Review;
import org.fugong.enterprises.internal.ApplicationStore;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Times;
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

/**
 * One return-to-work application: its page with the history, and the steps its reader may take
 * there — the reviewer's decisions, suspension and flags, the enterprise's confirmation that it
 * reopened. A refused step comes back to the page with the reason; a stale one (someone else acted
 * first) with the current state and status 409.
 */
@Controller
class ApplicationController {

    /**
     * The fields of the steps on an application's page: the version decided on, the reviewer's remark
     * and per-item verdicts (wanting or in order, with a remark), the reason of a suspension or a
     * cleared flag.
     */
    public static final class StepForm {
        private @Nullable Long version;
        private @Nullable String remark;
        private @Nullable String reason;
        private Map<String, VerdictForm> verdicts = new LinkedHashMap<>();

        StepForm() {}

        StepForm(@Nullable Long version) {
            this.version = version;
        }

        long at() {
            return version == null ? -1 : version;
        }

        Map<String, Application.ItemVerdict> itemVerdicts() {
            Map<String, Application.ItemVerdict> itemVerdicts = new LinkedHashMap<>();
            verdicts.forEach((code, v) -> itemVerdicts.put(
                    code, new Application.ItemVerdict(!"wanting".equals(v.getState()), v.getRemark())));
            return itemVerdicts;
        }

        public @Nullable Long getVersion() {
            return version;
        }

        public void setVersion(@Nullable Long version) {
            this.version = version;
        }

        public @Nullable String getRemark() {
            return remark;
        }

        public void setRemark(@Nullable String remark) {
            this.remark = remark;
        }

        public @Nullable String getReason() {
            return reason;
        }

        public void setReason(@Nullable String reason) {
            this.reason = reason;
        }

        /** By item code, as {@link ApplicationReview#decide} names an item's problem: {@code verdicts[code].remark}. */
        public Map<String, VerdictForm> getVerdicts() {
            return verdicts;
        }

        public void setVerdicts(Map<String, VerdictForm> verdicts) {
            this.verdicts = verdicts;
        }
    }

    /** The reviewer's verdict on one item as typed. */
    public static final class VerdictForm {
        private @Nullable String state;
        private @Nullable String remark;

        public @Nullable String getState() {
            return state;
        }

        public void setState(@Nullable String state) {
            this.state = state;
        }

        public @Nullable String getRemark() {
            return remark;
        }

        public void setRemark(@Nullable String remark) {
            this.remark = remark;
        }
    }

    private final ApplicationDesk desk;
    private final ApplicationReview review;
    private final ApplicationStore store;
    private final Checklist checklist;
    private final EnterpriseDirectory directory;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Times times;
    private final Clock clock;

    ApplicationController(
            ApplicationDesk desk,
            ApplicationReview review,
            ApplicationStore store,
            Checklist checklist,
            EnterpriseDirectory directory,
            CurrentActor currentActor,
            Geography geography,
            Times times,
            Clock clock) {
        this.desk = desk;
        this.review = review;
        this.store = store;
        this.checklist = checklist;
        this.directory = directory;
        this.currentActor = currentActor;
        this.geography = geography;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping("/applications/{id}")
    String show(@PathVariable UUID id, Model model) {
        return detail(desk.get(currentActor.scope(), id), model);
    }

    private String detail(Application application, Model model) {
        if (!model.containsAttribute("step")) {
            model.addAttribute("step", new StepForm(application.version()));
        }
        Scope scope = currentActor.scope();
        EnterpriseSummary enterprise = directory.get(Scope.city(), application.enterpriseId());
        Map<String, Checklist.Item> items = checklist.byCode();
        List<Checklist.Item> unmet = new ArrayList<>();
        application.measures().forEach((code, answer) -> {
            Checklist.Item item = items.get(code);
            if (item != null && !item.met(answer)) {
                unmet.add(item);
            }
        });
        model.addAttribute("app", application);
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("history", store.history(application.id()));
        model.addAttribute("items", items);
        model.addAttribute("unmet", unmet);
        model.addAttribute("geography", geography);
        model.addAttribute("reviewer", ApplicationReview.reviews(currentActor.get()));
        model.addAttribute(
                "owner", application.enterpriseId().equals(currentActor.get().enterpriseId()));
        model.addAttribute("today", times.today());
        model.addAttribute("now", clock.instant());
        return "applications/detail";
    }

    /**
     * A step on the application's page, named by the last part of its address: the reviewer's
     * (review, decision, suspend, clear-flag) and the enterprise's (resumed).
     */
    @PostMapping({
        "/applications/{id}/review",
        "/applications/{id}/decision",
        "/applications/{id}/suspend",
        "/applications/{id}/clear-flag",
        "/applications/{id}/resumed"
    })
    String step(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            @RequestParam(required = false) Review.@Nullable Outcome outcome,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        long at = step.at();
        String name = FormStep.stepName(request);
        Runnable taken = switch (name) {
            case "review" -> () -> review.startReview(actor, scope, id, at);
            case "decision" ->
                () -> review.decide(
                        actor, scope, id, at, new Review(outcome(outcome), step.itemVerdicts(), step.getRemark()));
            case "suspend" -> () -> review.suspend(actor, scope, id, at, step.getReason());
            case "clear-flag" -> () -> review.clearFlag(actor, scope, id, at, step.getReason());
            case "resumed" -> () -> desk.confirmResumed(actor, scope, id, at);
            default -> throw new NotFoundException("step", name);
        };
        String done = switch (name) {
            case "review" -> "application.review.started";
            case "decision" -> "application.decided." + outcome;
            case "suspend" -> "application.suspended";
            case "clear-flag" -> "application.flagCleared";
            default -> "application.resumed.saved";
        };
        return new FormStep(result, model, redirect, response)
                .run(taken, done, "/applications/" + id, () -> detail(desk.get(scope, id), model));
    }

    private static Review.Outcome outcome(Review.@Nullable Outcome outcome) {
        if (outcome == null) {
            throw InvalidInputException.of("outcome", "application.error.outcome");
        }
        return outcome;
    }
}
