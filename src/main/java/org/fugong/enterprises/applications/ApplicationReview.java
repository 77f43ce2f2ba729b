package org.fugong.enterprises.applications;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.internal.ApplicationStore;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The district's steps on applications: take one into review, approve, return for revision or
 * reject it with a verdict per checklist item, approve several at once, suspend a working
 * enterprise, clear a flag. Refused to whoever does not review (city and district officials) and
 * outside the reviewer's scope, before anything about the application is told.
 */
@Service
public class ApplicationReview {

    private final ApplicationStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApplicationReview(ApplicationStore store, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether this actor may decide applications at all (the scope then says which). */
    public static boolean reviews(Actor actor) {
        return actor.hasRole(Role.CITY_OFFICIAL) || actor.hasRole(Role.DISTRICT_OFFICIAL);
    }

    /** A reviewer takes a submitted application: it shows as in review, with the reviewer's name. */
    @Transactional
    public Application startReview(Actor actor, Scope scope, UUID id, long version) {
        Application before = reviewable(actor, scope, id, version);
        if (before.status() != ApplicationStatus.SUBMITTED) {
            throw new RefusedChangeException("application.error.notPending");
        }
        Application after = store.transition(
                before,
                ApplicationStatus.IN_REVIEW,
                actor,
                "REVIEW_STARTED",
                null,
                Map.of("reviewer", actor.displayName()));
        store.audit(actor, after, "APPLICATION_REVIEW_STARTED", before);
        return after;
    }

    /** Approves, returns for revision or rejects, with a verdict per checklist item. */
    @Transactional
    public Application decide(Actor actor, Scope scope, UUID id, long version, Review review) {
        Application before = reviewable(actor, scope, id, version);
        if (!before.status().pending()) {
            throw new RefusedChangeException("application.error.notPending");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, Application.ItemVerdict> verdicts = new LinkedHashMap<>();
        boolean anyWanting = false;
        for (String code : before.measures().keySet()) {
            Application.ItemVerdict verdict =
                    review.verdicts().getOrDefault(code, new Application.ItemVerdict(true, null));
            String remark = verdict.remark() == null || verdict.remark().isBlank()
                    ? null
                    : verdict.remark().trim();
            if (!verdict.ok()) {
                anyWanting = true;
                if (remark == null) {
                    problems.put("verdicts[" + code + "].remark", "application.error.itemRemark");
                }
            }
            verdicts.put(code, new Application.ItemVerdict(verdict.ok(), remark));
        }
        String remark = review.remark() == null || review.remark().isBlank()
                ? null
                : review.remark().trim();
        if (remark != null && remark.length() > 2000) {
            problems.put("remark", "application.error.remarkLength");
        }
        switch (review.outcome()) {
            case APPROVE -> {
                if (anyWanting) {
                    problems.put("remark", "application.error.approveWithProblems");
                }
            }
            case RETURN -> {
                if (!anyWanting && remark == null) {
                    problems.put("remark", "application.error.returnReason");
                }
            }
            case REJECT -> {
                if (remark == null) {
                    problems.put("remark", "application.error.rejectReason");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (review.outcome() == Review.Outcome.APPROVE && before.held()) {
            throw new RefusedChangeException("application.error.held");
        }
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("verdicts", store.toJson(verdicts));
        sets.put("remark", remark);
        sets.put("reviewer", actor.displayName());
        Application after = switch (review.outcome()) {
            case APPROVE -> store.approve(actor, before, sets, "APPROVED", remark);
            case RETURN ->
                store.transition(
                        before,
                        ApplicationStatus.RETURNED_FOR_REVISION,
                        actor,
                        "RETURNED",
                        summary(remark, verdicts),
                        withDecidedAt(sets));
            case REJECT ->
                store.transition(before, ApplicationStatus.REJECTED, actor, "REJECTED", remark, withDecidedAt(sets));
        };
        store.audit(actor, after, "APPLICATION_" + after.status().name(), before);
        return after;
    }

    /** The result of a bulk approval: how many were approved, and which were not and why. */
    public record BulkResult(int approved, List<UUID> changed, List<UUID> held) implements Serializable {}

    /**
     * Approves the selected applications, each at the version the reviewer saw, each in its own
     * transaction: one that changed meanwhile or is held by the policy is left as it is and named.
     */
    public BulkResult approveAll(Actor actor, Scope scope, Map<UUID, Long> selected) {
        int approved = 0;
        List<UUID> changed = new ArrayList<>();
        List<UUID> held = new ArrayList<>();
        for (var entry : selected.entrySet()) {
            try {
                transactions.executeWithoutResult(status -> decide(
                        actor,
                        scope,
                        entry.getKey(),
                        entry.getValue(),
                        new Review(Review.Outcome.APPROVE, Map.of(), null)));
                approved++;
            } catch (StaleVersionException | NotFoundException e) {
                changed.add(entry.getKey());
            } catch (RefusedChangeException e) {
                (e.messageKey().equals("application.error.held") ? held : changed).add(entry.getKey());
            }
        }
        return new BulkResult(approved, List.copyOf(changed), List.copyOf(held));
    }

    /** Suspends an approved or resumed enterprise, with the reason. */
    @Transactional
    public Application suspend(Actor actor, Scope scope, UUID id, long version, @Nullable String reason) {
        Application before = reviewable(actor, scope, id, version);
        if (!before.status().canMoveTo(ApplicationStatus.SUSPENDED)) {
            throw new RefusedChangeException("application.error.notSuspendable");
        }
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "application.error.suspendReason");
        }
        Application after = store.transition(
                before,
                ApplicationStatus.SUSPENDED,
                actor,
                "SUSPENDED",
                reason.trim(),
                Map.of("flagged", false, "remark", reason.trim(), "decided_at", Timestamp.from(clock.instant())));
        store.audit(actor, after, "APPLICATION_SUSPENDED", before);
        return after;
    }

    /**
     * Suspends the enterprise's approval because its compliance light stayed red past a
     * rectification deadline (the visits module's rule, not an official's decision): only an approved
     * or resumed application, which keeps the status it had so that {@link #restoreAfterCompliance}
     * can give it back. Whether an approval was suspended.
     */
    @Transactional
    public boolean suspendForCompliance(Actor actor, UUID enterpriseId, String reason) {
        Application current = store.current(enterpriseId).orElse(null);
        if (current == null || !current.status().permitsWork()) {
            return false;
        }
        Application before = store.locked(current.id(), current.version());
        Application after = store.transition(
                before,
                ApplicationStatus.SUSPENDED,
                actor,
                "SUSPENDED_BY_LIGHTS",
                reason,
                Map.of(
                        "suspended_from",
                        before.status().name(),
                        "suspended_by_lights",
                        true,
                        "remark",
                        reason,
                        "decided_at",
                        Timestamp.from(clock.instant())));
        store.audit(actor, after, "APPLICATION_SUSPENDED_BY_LIGHTS", before);
        return true;
    }

    /**
     * Gives back the status an approval had before the compliance lights suspended it (a later
     * green visit); a suspension by an official is never undone here. Whether one was restored.
     */
    @Transactional
    public boolean restoreAfterCompliance(Actor actor, UUID enterpriseId, String reason) {
        Application current = store.current(enterpriseId).orElse(null);
        if (current == null || current.status() != ApplicationStatus.SUSPENDED) {
            return false;
        }
        Application before = store.locked(current.id(), current.version());
        Application after = store.restoreFromLights(before, actor, reason);
        if (after == null) {
            return false;
        }
        store.audit(actor, after, "APPLICATION_RESTORED_BY_LIGHTS", before);
        return true;
    }

    /** A reviewer looked at a flagged enterprise and lets it go on working. */
    @Transactional
    public Application clearFlag(Actor actor, Scope scope, UUID id, long version, @Nullable String remark) {
        Application before = reviewable(actor, scope, id, version);
        if (!before.flagged()) {
            throw new RefusedChangeException("application.error.notFlagged");
        }
        if (remark == null || remark.isBlank()) {
            throw InvalidInputException.of("reason", "application.error.clearReason");
        }
        Application after = store.transition(
                before, before.status(), actor, "FLAG_CLEARED", remark.trim(), Map.of("flagged", false));
        store.audit(actor, after, "APPLICATION_FLAG_CLEARED", before);
        return after;
    }

    private Application reviewable(Actor actor, Scope scope, UUID id, long version) {
        Application peek = store.get(id);
        // Scope first, so that another district's official learns nothing from a version.
        scope.check(peek.districtCode(), peek.enterpriseId());
        if (!reviews(actor)) {
            throw new AccessDeniedException("Only district and city officials review applications");
        }
        return store.locked(id, version);
    }

    private Map<String, @Nullable Object> withDecidedAt(Map<String, @Nullable Object> sets) {
        Map<String, @Nullable Object> all = new LinkedHashMap<>(sets);
        all.put("decided_at", Timestamp.from(clock.instant()));
        return all;
    }

    private static @Nullable String summary(@Nullable String remark, Map<String, Application.ItemVerdict> verdicts) {
        StringBuilder text = new StringBuilder(remark == null ? "" : remark);
        verdicts.forEach((code, verdict) -> {
            if (!verdict.ok()) {
                text.append(text.isEmpty() ? "" : " · ")
                        .append(code)
                        .append(": ")
                        .append(verdict.remark());
            }
        });
        return text.isEmpty() ? null : text.toString();
    }
}
