package org.fugong.enterprises;

import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.NotFoundException;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The return-to-work applications desk: the enterprise files, the policy matrix rules on filing,
 * the district reviews, the enterprise confirms it reopened, an official may suspend. Every step
 * is checked against the actor's scope, refused on a stale version, written to the application's
 * history and to the audit trail, all in one transaction. Model and flows: docs/applications.md.
 */
@Service
public class ApplicationDesk {

    /** The policy matrix acting on its own: approvals on filing and after a colour change. */
    private static final Actor POLICY = Actor.system("policy", "");

    static final String SELECT = """
            select a.*, e.name as enterprise_name, e.uscc as enterprise_uscc
            from resumption_application a join enterprise e on e.id = a.enterprise_id""";
    private static final TypeReference<Map<String, String>> MEASURES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Application.ItemVerdict>> VERDICTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final EnterpriseDirectory directory;
    private final Checklist checklist;
    private final PolicyMatrix matrix;
    private final RiskMap riskMap;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;
    private final Times times;
    private final TransactionTemplate transactions;
    private final int validityDays;
    private final RowMapper<Application> rows;

    ApplicationDesk(JdbcClient jdbc, EnterpriseDirectory directory, Checklist checklist, PolicyMatrix matrix,
                    RiskMap riskMap, AuditTrail audit, JsonMapper json, Clock clock, Times times, TransactionTemplate transactions,
                    @Value("${fugong.enterprises.approval-validity-days:30}") int validityDays) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.checklist = checklist;
        this.matrix = matrix;
        this.riskMap = riskMap;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.times = times;
        this.transactions = transactions;
        this.validityDays = validityDays;
        this.rows = (rs, n) -> new Application(rs.getObject("id", UUID.class), rs.getObject("enterprise_id", UUID.class),
                rs.getString("enterprise_name"), rs.getString("enterprise_uscc"), rs.getString("district_code"),
                rs.getBoolean("current"), ApplicationStatus.valueOf(rs.getString("status")),
                rs.getObject("planned_date", LocalDate.class), (Integer) rs.getObject("staff_local"),
                (Integer) rs.getObject("staff_other_provinces"), (Integer) rs.getObject("staff_risk_areas"),
                json.readValue(rs.getString("measures"), MEASURES), rs.getString("commitment_name"),
                instant(rs.getTimestamp("commitment_at")), enumOrNull(PolicyDecision.class, rs.getString("policy_decision")),
                enumOrNull(RiskColour.class, rs.getString("policy_colour")),
                enumOrNull(PolicyCategory.class, rs.getString("policy_category")),
                json.readValue(rs.getString("verdicts"), VERDICTS), rs.getString("remark"), rs.getString("reviewer"),
                rs.getBoolean("flagged"), rs.getString("flag_reason"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("decided_at")), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), instant(rs.getTimestamp("resumed_at")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    // ---------------------------------------------------------------- reading

    RowMapper<Application> rows() {
        return rows;
    }

    /** The application, if the scope permits it: 404 if there is none, 403 if it is someone else's. */
    @Transactional(readOnly = true)
    public Application get(Scope scope, UUID id) {
        Application application = find(id).orElseThrow(() -> new NotFoundException("application", id));
        scope.check(application.districtCode(), application.enterpriseId());
        return application;
    }

    /** An enterprise's applications, newest first. */
    @Transactional(readOnly = true)
    public List<Application> ofEnterprise(Scope scope, UUID enterpriseId) {
        EnterpriseSummary enterprise = directory.get(scope, enterpriseId);
        return jdbc.sql(SELECT + " where a.enterprise_id = ? order by a.created_at desc").param(enterprise.id()).query(rows).list();
    }

    @Transactional(readOnly = true)
    public List<ApplicationStep> history(Scope scope, UUID id) {
        get(scope, id);
        return jdbc.sql("select * from resumption_application_step where application_id = ? order by id").param(id)
                .query((rs, n) -> new ApplicationStep(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor_name"), rs.getString("action"),
                        enumOrNull(ApplicationStatus.class, rs.getString("from_status")),
                        ApplicationStatus.valueOf(rs.getString("to_status")), rs.getString("remark")))
                .list();
    }

    /** Whether this actor may decide applications at all (the scope then says which). */
    public static boolean reviews(Actor actor) {
        return actor.hasRole(Role.CITY_OFFICIAL) || actor.hasRole(Role.DISTRICT_OFFICIAL);
    }

    /** Whether an enterprise may file a new application now: none is open, or the last one ended. */
    @Transactional(readOnly = true)
    public boolean mayFile(UUID enterpriseId) {
        return current(enterpriseId).map(this::ended).orElse(true);
    }

    private boolean ended(Application application) {
        return application.status().closed() || application.expired(today());
    }

    // ---------------------------------------------------------------- the enterprise's steps

    /**
     * Saves the enterprise's application: a new one (id null) or changes to a draft or a returned
     * one. With {@code submit} it is checked whole, filed, and ruled on by the policy matrix: a
     * cell that approves on filing approves it at once, a HOLD keeps it waiting with the reason.
     */
    @Transactional
    public Application save(Actor actor, Scope scope, @Nullable UUID id, @Nullable Long version, ApplicationInput input,
                            boolean submit) {
        UUID enterpriseId = actor.enterpriseId();
        if (!actor.hasRole(Role.ENTERPRISE) || enterpriseId == null) {
            throw new AccessDeniedException("Only an enterprise files its applications");
        }
        EnterpriseSummary enterprise = directory.get(scope, enterpriseId);
        List<Checklist.Item> items = checklist.active();
        validate(enterprise, items, input, submit);
        Instant now = clock.instant();
        Application application;
        if (id == null) {
            jdbc.sql("select id from enterprise where id = ? for update").param(enterpriseId).query().singleRow();
            Optional<Application> open = current(enterpriseId);
            if (open.isPresent() && !ended(open.get())) {
                throw new RefusedChangeException("application.error.open");
            }
            open.ifPresent(old -> jdbc.sql("update resumption_application set current = false where id = ?")
                    .param(old.id()).update());
            UUID newId = UUID.randomUUID();
            jdbc.sql("""
                            insert into resumption_application (id, enterprise_id, district_code, status, created_at, updated_at)
                            values (?, ?, ?, 'DRAFT', ?, ?)""")
                    .params(newId, enterpriseId, enterprise.districtCode(), Timestamp.from(now), Timestamp.from(now)).update();
            step(newId, actor, "CREATED", null, ApplicationStatus.DRAFT, null);
            application = writeInput(locked(newId, 0L), input, items, now);
            audit(actor, application, "APPLICATION_CREATED", null);
        } else {
            Application before = owned(actor, scope, id, version);
            if (!before.status().editable()) {
                throw new RefusedChangeException("application.error.notEditable");
            }
            application = writeInput(before, input, items, now);
            audit(actor, application, "APPLICATION_CHANGED", before);
        }
        if (!submit) {
            return application;
        }
        return file(actor, application, enterprise, input, items, now);
    }

    private Application file(Actor actor, Application application, EnterpriseSummary enterprise, ApplicationInput input,
                             List<Checklist.Item> items, Instant now) {
        RiskColour colour = riskMap.currentColour(enterprise.districtCode());
        PolicyMatrix.Ruling ruling = matrix.rule(enterprise, colour, unmet(application.measures(), items));
        // A resubmission starts a fresh review: the last verdicts stay in the history, not on the form.
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("commitment_name", input.commitmentName().trim());
        sets.put("commitment_at", Timestamp.from(now));
        sets.put("submitted_at", Timestamp.from(now));
        sets.put("policy_decision", ruling.decision().name());
        sets.put("policy_colour", colour.name());
        sets.put("policy_category", ruling.category().name());
        sets.put("verdicts", "{}");
        sets.put("remark", null);
        sets.put("decided_at", null);
        Application submitted = transition(application, ApplicationStatus.SUBMITTED, actor, "SUBMITTED", null, sets);
        audit(actor, submitted, "APPLICATION_SUBMITTED", application);
        if (ruling.decision() == PolicyDecision.AUTO_APPROVE) {
            Application approved = approve(POLICY, submitted, Map.of(), "AUTO_APPROVED",
                    ruling.category() + " · " + colour);
            audit(actor, approved, "APPLICATION_AUTO_APPROVED", submitted);
            return approved;
        }
        return submitted;
    }

    /** The enterprise confirms it reopened, within the approval's validity window. */
    @Transactional
    public Application confirmResumed(Actor actor, Scope scope, UUID id, long version) {
        Application before = owned(actor, scope, id, version);
        if (before.status() != ApplicationStatus.APPROVED) {
            throw new RefusedChangeException("application.error.notApproved");
        }
        LocalDate today = today();
        if (before.validFrom() != null && today.isBefore(before.validFrom())) {
            throw new RefusedChangeException("application.error.notYet");
        }
        if (before.expired(today)) {
            throw new RefusedChangeException("application.error.expired");
        }
        Application after = transition(before, ApplicationStatus.RESUMED, actor, "RESUMED", null,
                Map.of("resumed_at", Timestamp.from(clock.instant())));
        audit(actor, after, "APPLICATION_RESUMED", before);
        return after;
    }

    // ---------------------------------------------------------------- the reviewer's steps

    /** A reviewer takes a submitted application: it shows as in review, with the reviewer's name. */
    @Transactional
    public Application startReview(Actor actor, Scope scope, UUID id, long version) {
        Application before = reviewable(actor, scope, id, version);
        if (before.status() != ApplicationStatus.SUBMITTED) {
            throw new RefusedChangeException("application.error.notPending");
        }
        Application after = transition(before, ApplicationStatus.IN_REVIEW, actor, "REVIEW_STARTED", null,
                Map.of("reviewer", actor.displayName()));
        audit(actor, after, "APPLICATION_REVIEW_STARTED", before);
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
            Application.ItemVerdict verdict = review.verdicts().getOrDefault(code, new Application.ItemVerdict(true, null));
            String remark = verdict.remark() == null || verdict.remark().isBlank() ? null : verdict.remark().trim();
            if (!verdict.ok()) {
                anyWanting = true;
                if (remark == null) {
                    problems.put("verdicts[" + code + "].remark", "application.error.itemRemark");
                }
            }
            verdicts.put(code, new Application.ItemVerdict(verdict.ok(), remark));
        }
        String remark = review.remark() == null || review.remark().isBlank() ? null : review.remark().trim();
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
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("verdicts", json.writeValueAsString(verdicts));
        sets.put("remark", remark);
        sets.put("reviewer", actor.displayName());
        Application after = switch (review.outcome()) {
            case APPROVE -> approve(actor, before, sets, "APPROVED", remark);
            case RETURN -> transition(before, ApplicationStatus.RETURNED_FOR_REVISION, actor, "RETURNED",
                    summary(remark, verdicts), withDecidedAt(sets));
            case REJECT -> transition(before, ApplicationStatus.REJECTED, actor, "REJECTED", remark, withDecidedAt(sets));
        };
        audit(actor, after, "APPLICATION_" + after.status().name(), before);
        return after;
    }

    /** The result of a bulk approval: how many were approved, and which were not and why. */
    public record BulkResult(int approved, List<UUID> changed, List<UUID> held) implements Serializable {
    }

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
                transactions.executeWithoutResult(status -> decide(actor, scope, entry.getKey(), entry.getValue(),
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
        if (before.status() != ApplicationStatus.APPROVED && before.status() != ApplicationStatus.RESUMED) {
            throw new RefusedChangeException("application.error.notSuspendable");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(Map.of("reason", "application.error.suspendReason"));
        }
        Application after = transition(before, ApplicationStatus.SUSPENDED, actor, "SUSPENDED", reason.trim(),
                Map.of("flagged", false, "remark", reason.trim(), "decided_at", Timestamp.from(clock.instant())));
        audit(actor, after, "APPLICATION_SUSPENDED", before);
        return after;
    }

    /** A reviewer looked at a flagged enterprise and lets it go on working. */
    @Transactional
    public Application clearFlag(Actor actor, Scope scope, UUID id, long version, @Nullable String remark) {
        Application before = reviewable(actor, scope, id, version);
        if (!before.flagged()) {
            throw new RefusedChangeException("application.error.notFlagged");
        }
        if (remark == null || remark.isBlank()) {
            throw new InvalidInputException(Map.of("reason", "application.error.clearReason"));
        }
        Application after = transition(before, before.status(), actor, "FLAG_CLEARED", remark.trim(),
                Map.of("flagged", false));
        audit(actor, after, "APPLICATION_FLAG_CLEARED", before);
        return after;
    }

    // ---------------------------------------------------------------- the risk map's steps

    /** What a colour change did to a district's applications. */
    public record Reevaluation(int reevaluated, int approved, int flagged) {
    }

    /**
     * A district's colour changed: its pending applications are ruled on again (one whose cell
     * now approves on filing is approved), and in orange or red its approved and resumed
     * enterprises are flagged for review. Nothing is revoked.
     */
    @Transactional
    public Reevaluation reevaluate(String districtCode, RiskColour colour, LocalDate day) {
        List<Checklist.Item> items = checklist.active();
        var cells = matrix.cells();
        int reevaluated = 0;
        int approved = 0;
        List<Application> pending = jdbc.sql(SELECT + " where a.district_code = ? and a.status in ('SUBMITTED', 'IN_REVIEW')"
                + " order by a.submitted_at for update of a").param(districtCode).query(rows).list();
        for (Application application : pending) {
            EnterpriseSummary enterprise = directory.get(Scope.city(), application.enterpriseId());
            PolicyMatrix.Ruling ruling = PolicyMatrix.rule(cells, enterprise, colour, unmet(application.measures(), items));
            if (ruling.decision() == application.policyDecision() && colour == application.policyColour()) {
                continue;
            }
            reevaluated++;
            String remark = application.policyColour() + " → " + colour + " · " + application.policyDecision() + " → "
                    + ruling.decision();
            Application after = transition(application, application.status(), POLICY, "REEVALUATED", remark, Map.of(
                    "policy_decision", ruling.decision().name(), "policy_colour", colour.name(),
                    "policy_category", ruling.category().name()));
            if (ruling.decision() == PolicyDecision.AUTO_APPROVE) {
                after = approve(POLICY, after, Map.of(), "AUTO_APPROVED", ruling.category() + " · " + colour);
                approved++;
            }
            audit.recordAs(POLICY.getUsername(), null, entry(after, "APPLICATION_REEVALUATED", application));
        }
        int flagged = 0;
        if (colour.level() >= RiskColour.ORANGE.level()) {
            String reason = colour.name() + " · " + day;
            Timestamp now = Timestamp.from(clock.instant());
            List<UUID> ids = jdbc.sql("""
                            update resumption_application set flagged = true, flag_reason = :reason, updated_at = :now,
                                version = version + 1
                            where district_code = :district and status in ('APPROVED', 'RESUMED') and not flagged
                            returning id""")
                    .param("reason", reason).param("now", now).param("district", districtCode)
                    .query(UUID.class).list();
            if (!ids.isEmpty()) {
                jdbc.sql("""
                                insert into resumption_application_step (application_id, at, actor_name, action, from_status,
                                                                         to_status, remark)
                                select id, :now, :actor, 'FLAGGED', status, status, :reason
                                from resumption_application where id = any(:ids)""")
                        .param("now", now).param("actor", POLICY.getUsername()).param("reason", reason)
                        .param("ids", ids.toArray(UUID[]::new)).update();
                audit.recordAs(POLICY.getUsername(), null, AuditEntry.of("enterprises", "ResumptionApplication", null,
                        "APPLICATIONS_FLAGGED").change(null, Map.of("district", districtCode, "colour", colour.name(),
                        "count", ids.size())).owner(districtCode, null));
            }
            flagged = ids.size();
        }
        return new Reevaluation(reevaluated, approved, flagged);
    }

    // ---------------------------------------------------------------- internals

    private Optional<Application> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(rows).optional();
    }

    private Optional<Application> current(UUID enterpriseId) {
        return jdbc.sql(SELECT + " where a.enterprise_id = ? and a.current").param(enterpriseId).query(rows).optional();
    }

    /** The application locked for change, refused if it is not at the version the form saw. */
    private Application locked(UUID id, @Nullable Long version) {
        Application application = jdbc.sql(SELECT + " where a.id = ? for update of a").param(id).query(rows).optional()
                .orElseThrow(() -> new NotFoundException("application", id));
        if (version == null || application.version() != version) {
            throw new StaleVersionException();
        }
        return application;
    }

    /** The enterprise's own application, locked at the version it saw. */
    private Application owned(Actor actor, Scope scope, UUID id, @Nullable Long version) {
        Application peek = find(id).orElseThrow(() -> new NotFoundException("application", id));
        scope.check(peek.districtCode(), peek.enterpriseId());
        if (!actor.hasRole(Role.ENTERPRISE) || !peek.enterpriseId().equals(actor.enterpriseId())) {
            throw new AccessDeniedException("Only the enterprise itself changes its application");
        }
        return locked(id, version);
    }

    private Application reviewable(Actor actor, Scope scope, UUID id, long version) {
        Application peek = find(id).orElseThrow(() -> new NotFoundException("application", id));
        // Scope first, so that another district's official learns nothing from a version.
        scope.check(peek.districtCode(), peek.enterpriseId());
        if (!reviews(actor)) {
            throw new AccessDeniedException("Only district and city officials review applications");
        }
        return locked(id, version);
    }

    private Application writeInput(Application before, ApplicationInput input, List<Checklist.Item> items, Instant now) {
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
                .param("local", input.staffLocal()).param("other", input.staffOtherProvinces())
                .param("risk", input.staffRiskAreas()).param("measures", json.writeValueAsString(measures))
                .param("name", input.commitmentName() == null || input.commitmentName().isBlank() ? null
                        : input.commitmentName().trim())
                .param("now", Timestamp.from(now)).param("id", before.id()).param("version", before.version())
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        return find(before.id()).orElseThrow();
    }

    private void validate(EnterpriseSummary enterprise, List<Checklist.Item> items, ApplicationInput input, boolean submit) {
        Map<String, String> problems = new LinkedHashMap<>();
        LocalDate today = today();
        if (input.plannedDate() == null) {
            if (submit) {
                problems.put("plannedDate", "application.error.plannedDate");
            }
        } else if (input.plannedDate().isBefore(today) && submit) {
            problems.put("plannedDate", "application.error.plannedDatePast");
        } else if (input.plannedDate().isAfter(today.plusYears(1))) {
            problems.put("plannedDate", "application.error.plannedDateFar");
        }
        Integer[] staff = {input.staffLocal(), input.staffOtherProvinces(), input.staffRiskAreas()};
        String[] fields = {"staffLocal", "staffOtherProvinces", "staffRiskAreas"};
        long total = 0;
        for (int i = 0; i < staff.length; i++) {
            if (staff[i] == null) {
                if (submit) {
                    problems.put(fields[i], "application.error.staff");
                }
            } else if (staff[i] < 0) {
                problems.put(fields[i], "application.error.staff");
            } else {
                total += staff[i];
            }
        }
        if (total > enterprise.staffCount()) {
            problems.put("staffLocal", "application.error.staffTotal");
        } else if (submit && total == 0 && !problems.containsKey("staffLocal")) {
            problems.put("staffLocal", "application.error.staffNone");
        }
        for (Checklist.Item item : items) {
            String answer = input.measures().get(item.code());
            String problem = item.problem(answer);
            if (problem != null && (submit || (answer != null && !answer.isBlank()))) {
                problems.put("measures[" + item.code() + "]", problem);
            }
        }
        if (input.commitmentName() != null && input.commitmentName().trim().length() > 100) {
            problems.put("commitmentName", "application.error.commitmentName");
        }
        if (submit) {
            if (input.commitmentName() == null || input.commitmentName().isBlank()) {
                problems.put("commitmentName", "application.error.commitmentName");
            }
            if (!input.commitmentAccepted()) {
                problems.put("commitmentAccepted", "application.error.commitment");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static List<String> unmet(Map<String, String> measures, List<Checklist.Item> items) {
        List<String> unmet = new ArrayList<>();
        for (Checklist.Item item : items) {
            if (!item.met(measures.get(item.code()))) {
                unmet.add(item.code());
            }
        }
        return unmet;
    }

    private Application approve(Actor actor, Application before, Map<String, Object> sets, String action,
                                @Nullable String remark) {
        LocalDate today = today();
        LocalDate from = before.plannedDate() == null || before.plannedDate().isBefore(today) ? today : before.plannedDate();
        Map<String, Object> all = new LinkedHashMap<>(sets);
        all.put("valid_from", Date.valueOf(from));
        all.put("valid_until", Date.valueOf(from.plusDays(validityDays - 1L)));
        all.put("decided_at", Timestamp.from(clock.instant()));
        return transition(before, ApplicationStatus.APPROVED, actor, action, remark, all);
    }

    private Map<String, Object> withDecidedAt(Map<String, Object> sets) {
        Map<String, Object> all = new LinkedHashMap<>(sets);
        all.put("decided_at", Timestamp.from(clock.instant()));
        return all;
    }

    /** Moves the application (at its version) to a status, setting columns, and writes the step. */
    private Application transition(Application before, ApplicationStatus to, Actor actor, String action,
                                   @Nullable String remark, Map<String, Object> sets) {
        StringBuilder sql = new StringBuilder("update resumption_application set status = :status, updated_at = :now, "
                + "version = version + 1");
        Map<String, Object> params = new LinkedHashMap<>();
        sets.forEach((column, value) -> {
            sql.append(", ").append(column).append(column.equals("verdicts") ? " = cast(:" + column + " as jsonb)"
                    : " = :" + column);
            params.put(column, value);
        });
        params.put("status", to.name());
        params.put("now", Timestamp.from(clock.instant()));
        params.put("id", before.id());
        params.put("version", before.version());
        int changed = jdbc.sql(sql + " where id = :id and version = :version").params(params).update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        step(before.id(), actor, action, before.status(), to, remark);
        return find(before.id()).orElseThrow();
    }

    private void step(UUID id, Actor actor, String action, @Nullable ApplicationStatus from, ApplicationStatus to,
                      @Nullable String remark) {
        jdbc.sql("""
                        insert into resumption_application_step (application_id, at, actor_name, action, from_status,
                                                                 to_status, remark)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(clock.instant()), actor.displayName(), action,
                        from == null ? null : from.name(), to.name(), remark)
                .update();
    }

    private void audit(Actor actor, Application after, String action, @Nullable Application before) {
        audit.recordAs(actor.getUsername(), actor.isSystem() ? null : actor.role().name(), entry(after, action, before));
    }

    private static AuditEntry entry(Application after, String action, @Nullable Application before) {
        return AuditEntry.of("enterprises", "ResumptionApplication", after.id(), action)
                .change(before == null ? null : state(before), state(after))
                .owner(after.districtCode(), after.enterpriseId());
    }

    private static Map<String, Object> state(Application a) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", a.status().name());
        state.put("plannedDate", a.plannedDate() == null ? null : a.plannedDate().toString());
        state.put("staffLocal", a.staffLocal());
        state.put("staffOtherProvinces", a.staffOtherProvinces());
        state.put("staffRiskAreas", a.staffRiskAreas());
        state.put("measures", a.measures());
        state.put("commitmentName", a.commitmentName());
        state.put("policyDecision", a.policyDecision() == null ? null : a.policyDecision().name());
        state.put("policyColour", a.policyColour() == null ? null : a.policyColour().name());
        state.put("verdicts", a.verdicts());
        state.put("remark", a.remark());
        state.put("flagged", a.flagged());
        state.put("validUntil", a.validUntil() == null ? null : a.validUntil().toString());
        return state;
    }

    private static @Nullable String summary(@Nullable String remark, Map<String, Application.ItemVerdict> verdicts) {
        StringBuilder text = new StringBuilder(remark == null ? "" : remark);
        verdicts.forEach((code, verdict) -> {
            if (!verdict.ok()) {
                text.append(text.isEmpty() ? "" : " · ").append(code).append(": ").append(verdict.remark());
            }
        });
        return text.isEmpty() ? null : text.toString();
    }


    private LocalDate today() {
        return times.today();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <E extends Enum<E>> @Nullable E enumOrNull(Class<E> type, @Nullable String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
