package org.fugong.enterprises.applications;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.internal.ApplicationStore;
import org.fugong.enterprises.internal.PolicyMatrix;
import org.fugong.enterprises.internal.PolicyReevaluation;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The return-to-work applications desk: an application for whoever may see it, and the enterprise's
 * steps — it writes and files its application (the policy matrix rules on filing: approve at once,
 * review, or hold) and confirms it reopened. The district's steps are {@link ApplicationReview}'s.
 * Every step is checked against the actor's scope, refused on a stale version, written to the
 * application's history and to the audit trail, all in one transaction. Model and flows:
 * docs/applications.md.
 */
@Service
public class ApplicationDesk {

    private final JdbcClient jdbc;
    private final ApplicationStore store;
    private final EnterpriseDirectory directory;
    private final Checklist checklist;
    private final PolicyMatrix matrix;
    private final PolicyReevaluation reevaluation;
    private final RiskMap riskMap;
    private final Clock clock;
    private final Times times;

    ApplicationDesk(
            JdbcClient jdbc,
            ApplicationStore store,
            EnterpriseDirectory directory,
            Checklist checklist,
            PolicyMatrix matrix,
            PolicyReevaluation reevaluation,
            RiskMap riskMap,
            Clock clock,
            Times times) {
        this.reevaluation = reevaluation;
        this.jdbc = jdbc;
        this.store = store;
        this.directory = directory;
        this.checklist = checklist;
        this.matrix = matrix;
        this.riskMap = riskMap;
        this.clock = clock;
        this.times = times;
    }

    // ---------------------------------------------------------------- reading

    /** The application, if the scope permits it: 404 if there is none, 403 if it is someone else's. */
    @Transactional(readOnly = true)
    public Application get(Scope scope, UUID id) {
        Application application = store.get(id);
        scope.check(application.districtCode(), application.enterpriseId());
        return application;
    }

    /** An enterprise's applications, newest first. */
    @Transactional(readOnly = true)
    public List<Application> ofEnterprise(Scope scope, UUID enterpriseId) {
        EnterpriseSummary enterprise = directory.get(scope, enterpriseId);
        return store.where(
                "a.enterprise_id = :enterprise", "order by a.created_at desc", Map.of("enterprise", enterprise.id()));
    }

    /**
     * The status of each enterprise's current application (enterprises without one are absent): for
     * modules that need many at once (supply chains), without the applications' contents.
     */
    @Transactional(readOnly = true)
    public Map<UUID, ApplicationStatus> currentStatuses(Collection<UUID> enterprises) {
        Map<UUID, ApplicationStatus> statuses = new HashMap<>();
        if (enterprises.isEmpty()) {
            return statuses;
        }
        jdbc.sql("select enterprise_id, status from resumption_application where current and enterprise_id = any(?)")
                .param(enterprises.toArray(UUID[]::new))
                .query((rs, n) -> statuses.put(rs.getObject(1, UUID.class), ApplicationStatus.valueOf(rs.getString(2))))
                .list();
        return statuses;
    }

    /** How an enterprise stands by its current application: its status, and whether it is held. */
    public record Standing(ApplicationStatus status, boolean held) {}

    /**
     * Held: waiting but held by the policy matrix (its district's colour), or suspended. With the
     * status, what other modules read of who may work, never the applications' contents.
     */
    private static final String STANDING = """
            select enterprise_id, status,
                (status = 'SUSPENDED' or (status in ('SUBMITTED', 'IN_REVIEW') and policy_decision = 'HOLD')) as held
            from resumption_application where current and """;

    /** The standing of each of these enterprises that has a current application. */
    @Transactional(readOnly = true)
    public Map<UUID, Standing> standings(Collection<UUID> enterprises) {
        if (enterprises.isEmpty()) {
            return new HashMap<>();
        }
        return standings(STANDING + " enterprise_id = any(?)", enterprises.toArray(UUID[]::new));
    }

    /**
     * The standing of every enterprise whose current application changed after the instant (moved,
     * ruled on again, filed anew): for modules that keep a copy up to date without reading them all.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Standing> standingsChangedSince(Instant since) {
        return standings(STANDING + " updated_at > ?", Timestamp.from(since));
    }

    private Map<UUID, Standing> standings(String sql, Object parameter) {
        Map<UUID, Standing> standings = new HashMap<>();
        jdbc.sql(sql)
                .param(parameter)
                .query((rs, n) -> standings.put(
                        rs.getObject(1, UUID.class),
                        new Standing(ApplicationStatus.valueOf(rs.getString(2)), rs.getBoolean(3))))
                .list();
        return standings;
    }

    /** Whether an enterprise may file a new application now: none is open, or the last one ended. */
    @Transactional(readOnly = true)
    public boolean mayFile(UUID enterpriseId) {
        return store.current(enterpriseId).map(this::ended).orElse(true);
    }

    private boolean ended(Application application) {
        return application.status().closed() || application.expired(times.today());
    }

    // ---------------------------------------------------------------- the enterprise's steps

    /**
     * Saves the enterprise's application: a new one (id null) or changes to a draft or a returned
     * one. With {@code submit} it is checked whole, filed, and ruled on by the policy matrix: a
     * cell that approves on filing approves it at once, a HOLD keeps it waiting with the reason.
     */
    @Transactional
    public Application save(
            Actor actor,
            Scope scope,
            @Nullable UUID id,
            @Nullable Long version,
            ApplicationInput input,
            boolean submit) {
        UUID enterpriseId = actor.enterpriseId();
        if (!actor.hasRole(Role.ENTERPRISE) || enterpriseId == null || !scope.owns(enterpriseId)) {
            throw new AccessDeniedException("Only an enterprise files its applications");
        }
        EnterpriseSummary enterprise = directory.get(scope, enterpriseId);
        List<Checklist.Item> items = checklist.active();
        validate(enterprise, items, input, submit);
        Instant now = clock.instant();
        Application application;
        if (id == null) {
            jdbc.sql("select id from enterprise where id = ? for update")
                    .param(enterpriseId)
                    .query()
                    .singleRow();
            Optional<Application> open = store.current(enterpriseId);
            if (open.isPresent() && !ended(open.get())) {
                throw new RefusedChangeException("application.error.open");
            }
            open.ifPresent(old -> jdbc.sql("update resumption_application set current = false where id = ?")
                    .param(old.id())
                    .update());
            UUID newId = UUID.randomUUID();
            jdbc.sql("""
                            insert into resumption_application (id, enterprise_id, district_code, status, created_at, updated_at)
                            values (?, ?, ?, 'DRAFT', ?, ?)""")
                    .params(newId, enterpriseId, enterprise.districtCode(), Timestamp.from(now), Timestamp.from(now))
                    .update();
            store.step(newId, actor, "CREATED", null, ApplicationStatus.DRAFT, null);
            application = writeInput(store.locked(newId, 0L), input, items, now);
            store.audit(actor, application, "APPLICATION_CREATED", null);
        } else {
            Application before = owned(scope, id, version);
            if (!before.status().editable()) {
                throw new RefusedChangeException("application.error.notEditable");
            }
            application = writeInput(before, input, items, now);
            store.audit(actor, application, "APPLICATION_CHANGED", before);
        }
        if (!submit) {
            return application;
        }
        return file(actor, application, enterprise, input, items, now);
    }

    private Application file(
            Actor actor,
            Application application,
            EnterpriseSummary enterprise,
            ApplicationInput input,
            List<Checklist.Item> items,
            Instant now) {
        RiskColour colour = riskMap.currentColour(enterprise.districtCode());
        PolicyMatrix.Ruling ruling =
                matrix.rule(enterprise, colour, Checklist.unmet(application.measures(), items), application.keyChain());
        // A resubmission starts a fresh review: the last verdicts stay in the history, not on the form.
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("commitment_name", input.commitmentName().trim());
        sets.put("commitment_at", Timestamp.from(now));
        sets.put("submitted_at", Timestamp.from(now));
        sets.put("policy_decision", ruling.decision().name());
        sets.put("policy_colour", colour.name());
        sets.put("policy_category", ruling.category().name());
        sets.put("verdicts", "{}");
        sets.put("remark", null);
        sets.put("decided_at", null);
        Application submitted =
                store.transition(application, ApplicationStatus.SUBMITTED, actor, "SUBMITTED", null, sets);
        store.audit(actor, submitted, "APPLICATION_SUBMITTED", application);
        if (ruling.decision() == PolicyDecision.AUTO_APPROVE) {
            Application approved = store.approve(
                    ApplicationStore.POLICY, submitted, Map.of(), "AUTO_APPROVED", ruling.category() + " · " + colour);
            store.audit(actor, approved, "APPLICATION_AUTO_APPROVED", submitted);
            return approved;
        }
        return submitted;
    }

    /** What a chain filing did for one supplier: its application, its status, and whether it was started now. */
    public record ChainLink(UUID applicationId, ApplicationStatus status, boolean started) {}

    /**
     * A lead's chain filing (四同步) for one of its suppliers in the city: the supplier's open
     * application is marked with the chain (linked), or, when it has none open, a draft is started
     * for it with the lead's planned date, marked likewise, for the supplier to complete and file
     * with its own commitment. A pending application the matrix holds is ruled on again when the
     * chain is a key lead's. The caller has checked that the actor may file for the lead.
     */
    @Transactional
    public ChainLink joinChain(Actor actor, UUID supplierId, Application.ChainMark mark, LocalDate plannedDate) {
        EnterpriseSummary supplier = directory.get(Scope.city(), supplierId);
        jdbc.sql("select id from enterprise where id = ? for update")
                .param(supplierId)
                .query()
                .singleRow();
        Optional<Application> current = store.current(supplierId);
        Instant now = clock.instant();
        if (current.isPresent() && !ended(current.get())) {
            Application before = current.get();
            Application after = store.transition(
                    before, before.status(), actor, "CHAIN_LINKED", mark.leadName(), chainColumns(mark));
            store.audit(actor, after, "APPLICATION_CHAIN_LINKED", before);
            if (after.keyChain() && after.status().pending()) {
                // A key lead's chain may let it pass a colour that held it: ruled again as a colour change would.
                Application ruled = reevaluation.ruleAgain(after, riskMap.currentColour(supplier.districtCode()));
                after = ruled == null ? after : ruled;
            }
            return new ChainLink(after.id(), after.status(), false);
        }
        current.ifPresent(old -> jdbc.sql("update resumption_application set current = false where id = ?")
                .param(old.id())
                .update());
        UUID id = UUID.randomUUID();
        LocalDate planned = plannedDate.isBefore(times.today()) ? times.today() : plannedDate;
        jdbc.sql("""
                        insert into resumption_application (id, enterprise_id, district_code, status, planned_date,
                            chain_lead_id, chain_lead_name, chain_importance, chain_key, created_at, updated_at)
                        values (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        supplierId,
                        supplier.districtCode(),
                        Date.valueOf(planned),
                        mark.leadId(),
                        mark.leadName(),
                        mark.importance(),
                        mark.keyLead(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        store.step(id, actor, "CHAIN_STARTED", null, ApplicationStatus.DRAFT, mark.leadName());
        Application started = store.get(id);
        store.audit(actor, started, "APPLICATION_CHAIN_STARTED", null);
        return new ChainLink(id, ApplicationStatus.DRAFT, true);
    }

    private static Map<String, @Nullable Object> chainColumns(Application.ChainMark mark) {
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        sets.put("chain_lead_id", mark.leadId());
        sets.put("chain_lead_name", mark.leadName());
        sets.put("chain_importance", mark.importance());
        sets.put("chain_key", mark.keyLead());
        return sets;
    }

    /** The enterprise confirms it reopened, within the approval's validity window. */
    @Transactional
    public Application confirmResumed(Actor actor, Scope scope, UUID id, long version) {
        Application before = owned(scope, id, version);
        if (before.status() != ApplicationStatus.APPROVED) {
            throw new RefusedChangeException("application.error.notApproved");
        }
        LocalDate today = times.today();
        if (before.validFrom() != null && today.isBefore(before.validFrom())) {
            throw new RefusedChangeException("application.error.notYet");
        }
        if (before.expired(today)) {
            throw new RefusedChangeException("application.error.expired");
        }
        Application after = store.transition(
                before,
                ApplicationStatus.RESUMED,
                actor,
                "RESUMED",
                null,
                Map.of("resumed_at", Timestamp.from(clock.instant())));
        store.audit(actor, after, "APPLICATION_RESUMED", before);
        return after;
    }

    /** The enterprise's own application, locked at the version it saw. */
    private Application owned(Scope scope, UUID id, @Nullable Long version) {
        Application peek = store.get(id);
        scope.check(peek.districtCode(), peek.enterpriseId());
        if (!scope.owns(peek.enterpriseId())) {
            throw new AccessDeniedException("Only the enterprise itself changes its application");
        }
        return store.locked(id, version);
    }

    private Application writeInput(
            Application before, ApplicationInput input, List<Checklist.Item> items, Instant now) {
        Map<String, String> measures = new LinkedHashMap<>();
        for (Checklist.Item item : items) {
            String answer = input.measures().get(item.code());
            if (answer != null && !answer.isBlank()) {
                measures.put(item.code(), answer.trim());
            }
        }
        int changed = jdbc.sql("""
                        update resumption_application set planned_date = :planned, staff_local = :local,
                            staff_other_provinces = :other, staff_risk_areas = :risk, measures = cast(:measures as jsonb),
                            commitment_name = :name, updated_at = :now, version = version + 1
                        where id = :id and version = :version""")
                .param("planned", input.plannedDate() == null ? null : Date.valueOf(input.plannedDate()))
                .param("local", input.staffLocal())
                .param("other", input.staffOtherProvinces())
                .param("risk", input.staffRiskAreas())
                .param("measures", store.toJson(measures))
                .param(
                        "name",
                        input.commitmentName() == null || input.commitmentName().isBlank()
                                ? null
                                : input.commitmentName().trim())
                .param("now", Timestamp.from(now))
                .param("id", before.id())
                .param("version", before.version())
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        return store.get(before.id());
    }

    private void validate(
            EnterpriseSummary enterprise, List<Checklist.Item> items, ApplicationInput input, boolean submit) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        LocalDate today = times.today();
        if (input.plannedDate() == null) {
            if (submit) {
                problems.add(problem("plannedDate", "application.error.plannedDate"));
            }
        } else if (input.plannedDate().isBefore(today) && submit) {
            problems.add(problem("plannedDate", "application.error.plannedDatePast"));
        } else if (input.plannedDate().isAfter(today.plusYears(1))) {
            problems.add(problem("plannedDate", "application.error.plannedDateFar"));
        }
        Integer[] staff = {input.staffLocal(), input.staffOtherProvinces(), input.staffRiskAreas()};
        String[] fields = {"staffLocal", "staffOtherProvinces", "staffRiskAreas"};
        long total = 0;
        boolean staffLocalWrong = false;
        for (int i = 0; i < staff.length; i++) {
            if (staff[i] == null ? submit : staff[i] < 0) {
                problems.add(problem(fields[i], "application.error.staff", enterprise.staffCount()));
                staffLocalWrong |= i == 0;
            } else if (staff[i] != null) {
                total += staff[i];
            }
        }
        if (total > enterprise.staffCount()) {
            problems.add(problem("staffLocal", "application.error.staffTotal", enterprise.staffCount()));
        } else if (submit && total == 0 && !staffLocalWrong) {
            problems.add(problem("staffLocal", "application.error.staffNone", enterprise.staffCount()));
        }
        for (Checklist.Item item : items) {
            String answer = input.measures().get(item.code());
            String problem = item.problem(answer);
            if (problem != null && (submit || (answer != null && !answer.isBlank()))) {
                problems.add(problem("measures[" + item.code() + "]", problem));
            }
        }
        boolean nameMissing =
                input.commitmentName() == null || input.commitmentName().isBlank();
        if ((input.commitmentName() != null && input.commitmentName().trim().length() > 100)
                || (submit && nameMissing)) {
            problems.add(problem("commitmentName", "application.error.commitmentName"));
        }
        if (submit && !input.commitmentAccepted()) {
            problems.add(problem("commitmentAccepted", "application.error.commitment"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static InvalidInputException.Problem problem(String field, String messageKey, Object... arguments) {
        return new InvalidInputException.Problem(field, messageKey, List.of(arguments));
    }
}
