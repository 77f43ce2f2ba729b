package org.fugong.enterprises.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.enterprises.internal.ReviewQueue;
import org.fugong.geography.Geography;
import org.fugong.shell.Choice;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The district's review queue: applications waiting for a decision, or flagged, and their approval in bulk. */
@Controller
class ReviewQueueController {

    static final int PAGE_SIZE = 25;

    private final ApplicationReview review;
    private final ReviewQueue queue;
    private final CurrentActor currentActor;
    private final Geography geography;
    private final Clock clock;

    ReviewQueueController(
            ApplicationReview review, ReviewQueue queue, CurrentActor currentActor, Geography geography, Clock clock) {
        this.review = review;
        this.queue = queue;
        this.currentActor = currentActor;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping("/applications/queue")
    String queue(
            @RequestParam(defaultValue = "PENDING") ReviewQueue.View view,
            @RequestParam(required = false) @Nullable String district,
            @RequestParam(required = false) @Nullable PolicyDecision decision,
            @RequestParam(required = false) @Nullable PolicyCategory category,
            @RequestParam(required = false) @Nullable ApplicationStatus status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String after,
            HtmxRequest htmx,
            Model model,
            Locale locale) {
        Scope scope = currentActor.scope();
        var filter = new ReviewQueue.Filter(view, district, decision, category, status, q);
        model.addAttribute("slice", queue.page(scope, filter, after, PAGE_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("geography", geography);
        model.addAttribute("districts", geography.districtChoices(scope, locale));
        model.addAttribute("views", Choice.of(ReviewQueue.View.values(), v -> "queue.view." + v.name()));
        model.addAttribute("statuses", Choice.of(ApplicationStatus.values(), ApplicationStatus::messageKey));
        model.addAttribute("decisions", Choice.of(PolicyDecision.values(), PolicyDecision::messageKey));
        model.addAttribute("categories", Choice.of(PolicyCategory.values(), PolicyCategory::messageKey));
        model.addAttribute("now", clock.instant());
        if (htmx.isHtmxRequest()) {
            return after == null ? "applications/queue :: results" : "applications/queue :: rows";
        }
        return "applications/queue";
    }

    @PostMapping("/applications/queue/approve")
    String approveSelected(
            @RequestParam(name = "selected", required = false) @Nullable List<String> selected,
            RedirectAttributes redirect) {
        Map<UUID, Long> versions = new LinkedHashMap<>();
        if (selected != null) {
            for (String value : selected) {
                String[] parts = value.split(":", 2);
                try {
                    versions.put(UUID.fromString(parts[0]), Long.parseLong(parts[1]));
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    // A forged value is skipped: it names no application the reviewer saw.
                }
            }
        }
        var result = review.approveAll(currentActor.get(), currentActor.scope(), versions);
        redirect.addFlashAttribute("bulk", result);
        redirect.addFlashAttribute("success", versions.isEmpty() ? "application.bulk.none" : "application.bulk.done");
        return "redirect:/applications/queue";
    }
}
