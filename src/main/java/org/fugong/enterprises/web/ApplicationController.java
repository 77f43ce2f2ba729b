package org.fugong.enterprises.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
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

    @PostMapping("/applications/{id}/resumed")
    String resumed(
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
                "application.resumed.saved",
                () -> desk.confirmResumed(currentActor.get(), currentActor.scope(), id, step.at()));
    }

    // ------------------------------------------------------------ the reviewer

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

    @PostMapping("/applications/{id}/review")
    String startReview(
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
                "application.review.started",
                () -> review.startReview(currentActor.get(), currentActor.scope(), id, step.at()));
    }

    @PostMapping("/applications/{id}/decision")
    String decide(
            @PathVariable UUID id,
            @ModelAttribute("step") StepForm step,
            BindingResult result,
            @RequestParam Review.Outcome outcome,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(
                id,
                result,
                model,
                redirect,
                response,
                "application.decided." + outcome,
                () -> review.decide(
                        currentActor.get(),
                        currentActor.scope(),
                        id,
                        step.at(),
                        new Review(outcome, step.itemVerdicts(), step.getRemark())));
    }

    @PostMapping("/applications/{id}/suspend")
    String suspend(
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
                "application.suspended",
                () -> review.suspend(currentActor.get(), currentActor.scope(), id, step.at(), step.getReason()));
    }

    @PostMapping("/applications/{id}/clear-flag")
    String clearFlag(
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
                "application.flagCleared",
                () -> review.clearFlag(currentActor.get(), currentActor.scope(), id, step.at(), step.getReason()));
    }

    /** Runs a step; on success back to the page with the message, on refusal the page with the reason. */
    private String act(
            UUID id,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response,
            String success,
            Supplier<Application> step) {
        return new FormStep(result, model, redirect, response)
                .run(
                        step::get,
                        success,
                        "/applications/" + id,
                        () -> detail(desk.get(currentActor.scope(), id), model));
    }
}
