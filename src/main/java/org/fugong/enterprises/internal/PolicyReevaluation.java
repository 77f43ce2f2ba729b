package org.fugong.enterprises.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.Checklist;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskColourChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 复工图与疫情图相匹配: when a district's colour changes, its pending applications are ruled on again
 * (one whose cell now approves on filing is approved), and in orange or red its approved and resumed
 * enterprises are flagged for review. Nothing is revoked. Runs after the risk map's transaction
 * commits, from the event publication registry, so a failure is retried rather than lost.
 */
@Service
public class PolicyReevaluation {

    private static final Logger log = LoggerFactory.getLogger(PolicyReevaluation.class);

    /** What a colour change did to a district's applications. */
    public record Result(int reevaluated, int approved, int flagged) {}

    private final JdbcClient jdbc;
    private final ApplicationStore store;
    private final EnterpriseDirectory directory;
    private final Checklist checklist;
    private final PolicyMatrix matrix;
    private final AuditTrail audit;
    private final Clock clock;

    PolicyReevaluation(
            JdbcClient jdbc,
            ApplicationStore store,
            EnterpriseDirectory directory,
            Checklist checklist,
            PolicyMatrix matrix,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.directory = directory;
        this.checklist = checklist;
        this.matrix = matrix;
        this.audit = audit;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(RiskColourChanged change) {
        if (!change.unitCode().equals(change.districtCode())) {
            return;
        }
        Result result = reevaluate(change.districtCode(), change.to(), change.date());
        log.info(
                "District {} turned {}: {} applications ruled on again, {} approved, {} enterprises flagged",
                change.districtCode(),
                change.to(),
                result.reevaluated(),
                result.approved(),
                result.flagged());
    }

    @Transactional
    public Result reevaluate(String districtCode, RiskColour colour, LocalDate day) {
        List<Checklist.Item> items = checklist.active();
        var cells = matrix.cells();
        int reevaluated = 0;
        int approved = 0;
        List<Application> pending = store.where(
                "a.district_code = :district and a.status in ('SUBMITTED', 'IN_REVIEW')",
                "order by a.submitted_at for update of a",
                Map.of("district", districtCode));
        for (Application application : pending) {
            Application after = ruleAgain(application, cells, items, colour);
            if (after != null) {
                reevaluated++;
                approved += after.status() == ApplicationStatus.APPROVED ? 1 : 0;
            }
        }
        return new Result(reevaluated, approved, flag(districtCode, colour, day));
    }

    /**
     * Rules again on one waiting application in the colour given (a key lead's chain it was just
     * linked to may let it pass): as a colour change would, approving it where the matrix approves on
     * filing. The application as it is after, or null when the ruling did not change.
     */
    @Transactional
    public @Nullable Application ruleAgain(Application application, RiskColour colour) {
        return ruleAgain(application, matrix.cells(), checklist.active(), colour);
    }

    private @Nullable Application ruleAgain(
            Application application,
            Map<RiskColour, Map<PolicyCategory, PolicyDecision>> cells,
            List<Checklist.Item> items,
            RiskColour colour) {
        EnterpriseSummary enterprise = directory.get(Scope.city(), application.enterpriseId());
        PolicyMatrix.Ruling ruling = PolicyMatrix.rule(
                cells, enterprise, colour, Checklist.unmet(application.measures(), items), application.keyChain());
        if (ruling.decision() == application.policyDecision() && colour == application.policyColour()) {
            return null;
        }
        String remark = application.policyColour() + " → " + colour + " · " + application.policyDecision() + " → "
                + ruling.decision();
        Application after = store.transition(
                application,
                application.status(),
                ApplicationStore.POLICY,
                "REEVALUATED",
                remark,
                Map.of(
                        "policy_decision",
                        ruling.decision().name(),
                        "policy_colour",
                        colour.name(),
                        "policy_category",
                        ruling.category().name()));
        if (ruling.decision() == PolicyDecision.AUTO_APPROVE) {
            after = store.approve(
                    ApplicationStore.POLICY, after, Map.of(), "AUTO_APPROVED", ruling.category() + " · " + colour);
        }
        audit.recordAs(
                ApplicationStore.POLICY.getUsername(),
                null,
                ApplicationStore.entry(after, "APPLICATION_REEVALUATED", application));
        return after;
    }

    /** In orange or red, the district's working enterprises are flagged for a reviewer to look at again. */
    private int flag(String districtCode, RiskColour colour, LocalDate day) {
        if (colour.level() < RiskColour.ORANGE.level()) {
            return 0;
        }
        String reason = colour.name() + " · " + day;
        Timestamp now = Timestamp.from(clock.instant());
        List<UUID> ids = jdbc.sql("""
                        update resumption_application set flagged = true, flag_reason = :reason, updated_at = :now,
                            version = version + 1
                        where district_code = :district and status in ('APPROVED', 'RESUMED') and not flagged
                        returning id""")
                .param("reason", reason)
                .param("now", now)
                .param("district", districtCode)
                .query(UUID.class)
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            insert into resumption_application_step (application_id, at, actor_name, action, from_status,
                                                                     to_status, remark)
                            select id, :now, :actor, 'FLAGGED', status, status, :reason
                            from resumption_application where id = any(:ids)""")
                    .param("now", now)
                    .param("actor", ApplicationStore.POLICY.getUsername())
                    .param("reason", reason)
                    .param("ids", ids.toArray(UUID[]::new))
                    .update();
            audit.recordAs(
                    ApplicationStore.POLICY.getUsername(),
                    null,
                    AuditEntry.of("enterprises", "ResumptionApplication", null, "APPLICATIONS_FLAGGED")
                            .change(
                                    null,
                                    Map.of("district", districtCode, "colour", colour.name(), "count", ids.size()))
                            .owner(districtCode, null));
        }
        return ids.size();
    }
}
