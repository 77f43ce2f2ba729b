package org.fugong.visits.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.shell.Times;
import org.fugong.visits.Light;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each enterprise's current light and what follows from it: rectification orders opened by failed
 * items and verified by passed ones, a warning talk when the light turns red, the approval suspended
 * when red outlasts an order's deadline and restored by a green visit.
 */
@Service
public class Lights {

    private static final Logger log = LoggerFactory.getLogger(Lights.class);

    /** An enterprise's current light. */
    public record Current(
            UUID enterpriseId,
            String districtCode,
            Light colour,
            Instant since,
            UUID visitId,
            Instant visitedAt,
            int ruleVersion,
            List<LightRules.Reason> reasons,
            @Nullable Instant suspendedAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationReview applications;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Lights(
            JdbcClient jdbc,
            JsonMapper json,
            ApplicationReview applications,
            AuditTrail audit,
            Times times,
            Clock clock,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.applications = applications;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The enterprise's light now, or null before its first visit. */
    public @Nullable Current current(UUID enterpriseId) {
        return jdbc.sql("select * from visit_light where enterprise_id = ?")
                .param(enterpriseId)
                .query((rs, n) -> new Current(
                        rs.getObject("enterprise_id", UUID.class),
                        rs.getString("district_code"),
                        Light.valueOf(rs.getString("colour")),
                        rs.getTimestamp("since").toInstant(),
                        rs.getObject("visit_id", UUID.class),
                        rs.getTimestamp("visited_at").toInstant(),
                        rs.getInt("rule_version"),
                        List.of(json.readValue(rs.getString("reasons"), LightRules.Reason[].class)),
                        rs.getTimestamp("suspended_at") == null
                                ? null
                                : rs.getTimestamp("suspended_at").toInstant()))
                .optional()
                .orElse(null);
    }

    @Nullable Light lightOf(UUID enterpriseId) {
        Current current = current(enterpriseId);
        return current == null ? null : current.colour();
    }

    /**
     * What a recorded visit changes, in its transaction. A visit that arrives after a later one (sent
     * late from a phone that was offline) is kept with its own light but does not change the current
     * one, nor the orders. The light after it.
     */
    Light afterVisit(
            Actor actor,
            EnterpriseSummary enterprise,
            VisitLog.Visit visit,
            Checklists.Checklist checklist,
            LightRules rules,
            Map<String, VisitLog.ItemInput> answers) {
        Current before = current(enterprise.id());
        boolean latest = before == null
                || !visit.visitedAt().isBefore(before.visitedAt())
                || before.visitId().equals(visit.corrects());
        if (!latest) {
            return before.colour();
        }
        LocalDate day = visit.visitedAt().atZone(times.zone()).toLocalDate();
        for (Checklists.Item item : checklist.items()) {
            VisitLog.ItemInput answer = answers.get(item.code());
            if (answer.result() == ItemResult.FAILED) {
                int opened = jdbc.sql("""
                                insert into visit_order (id, enterprise_id, district_code, visit_id, item_code, item_zh,
                                                         item_en, serious, remark, opened_at, due_on)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                on conflict (enterprise_id, item_code) where verified_at is null do nothing""")
                        .params(
                                UUID.randomUUID(),
                                enterprise.id(),
                                enterprise.districtCode(),
                                visit.id(),
                                item.code(),
                                item.textZh(),
                                item.textEn(),
                                item.serious(),
                                answer.remark(),
                                Timestamp.from(clock.instant()),
                                Date.valueOf(day.plusDays(rules.deadlineDays(item.serious()))))
                        .update();
                if (opened == 1) {
                    audit.record(AuditEntry.of("visits", "RectificationOrder", item.code(), "ORDER_OPENED")
                            .change(null, Map.of("visit", visit.id().toString(), "serious", item.serious()))
                            .owner(enterprise.districtCode(), enterprise.id()));
                }
            } else if (answer.result() == ItemResult.PASSED) {
                int verified = jdbc.sql("""
                                update visit_order set verified_by = ?, verified_at = ?, version = version + 1
                                where enterprise_id = ? and item_code = ? and verified_at is null""")
                        .params(visit.id(), Timestamp.from(clock.instant()), enterprise.id(), item.code())
                        .update();
                if (verified == 1) {
                    audit.record(AuditEntry.of("visits", "RectificationOrder", item.code(), "ORDER_VERIFIED")
                            .change(null, Map.of("visit", visit.id().toString()))
                            .owner(enterprise.districtCode(), enterprise.id()));
                }
            }
        }
        Light colour = visit.light();
        boolean changed = before == null || before.colour() != colour;
        jdbc.sql("""
                        insert into visit_light (enterprise_id, district_code, colour, since, visit_id, visited_at,
                                                 rule_version, reasons)
                        values (:enterprise, :district, :colour, :at, :visit, :visitedAt, :rules, cast(:reasons as jsonb))
                        on conflict (enterprise_id) do update set
                            colour = excluded.colour,
                            since = case when visit_light.colour = excluded.colour then visit_light.since
                                         else excluded.since end,
                            visit_id = excluded.visit_id, visited_at = excluded.visited_at,
                            rule_version = excluded.rule_version, reasons = excluded.reasons,
                            version = visit_light.version + 1""")
                .param("enterprise", enterprise.id())
                .param("district", enterprise.districtCode())
                .param("colour", colour.name())
                .param("at", Timestamp.from(visit.visitedAt()))
                .param("visit", visit.id())
                .param("visitedAt", Timestamp.from(visit.visitedAt()))
                .param("rules", rules.version())
                .param("reasons", json.writeValueAsString(visit.reasons()))
                .update();
        if (changed) {
            audit.record(AuditEntry.of("visits", "Light", enterprise.id(), "LIGHT_CHANGED")
                    .change(
                            before == null
                                    ? null
                                    : Map.of("colour", before.colour().name()),
                            Map.of("colour", colour.name(), "visit", visit.id().toString()))
                    .owner(enterprise.districtCode(), enterprise.id()));
        }
        if (colour == Light.RED && (before == null || before.colour() != Light.RED)) {
            UUID talk = UUID.randomUUID();
            jdbc.sql("""
                            insert into visit_talk (id, enterprise_id, district_code, visit_id, called_at)
                            values (?, ?, ?, ?, ?)""")
                    .params(
                            talk,
                            enterprise.id(),
                            enterprise.districtCode(),
                            visit.id(),
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record(AuditEntry.of("visits", "WarningTalk", talk, "TALK_CALLED")
                    .owner(enterprise.districtCode(), enterprise.id()));
        }
        if (colour == Light.GREEN && before != null && before.suspendedAt() != null) {
            boolean restored = applications.restoreAfterCompliance(
                    actor, enterprise.id(), "Green visit " + visit.id() + " after a suspension by the lights");
            jdbc.sql("update visit_light set suspended_at = null where enterprise_id = ?")
                    .param(enterprise.id())
                    .update();
            jdbc.sql(
                            "update visit_suspension set restored_at = ?, restored_by = ? where enterprise_id = ? and restored_at is null")
                    .params(Timestamp.from(clock.instant()), visit.id(), enterprise.id())
                    .update();
            audit.record(AuditEntry.of("visits", "Light", enterprise.id(), "APPROVAL_RESTORED")
                    .change(
                            null,
                            Map.of("restored", restored, "visit", visit.id().toString()))
                    .owner(enterprise.districtCode(), enterprise.id()));
        }
        suspendIfOverdue(enterprise.id());
        return colour;
    }

    /**
     * Red and an order past its deadline: the approval is suspended through the enterprises module,
     * once. Whether it was suspended now.
     */
    boolean suspendIfOverdue(UUID enterpriseId) {
        var due = jdbc.sql("""
                        select l.district_code, min(o.due_on) as due, string_agg(o.item_code, ', ' order by o.item_code) as items
                        from visit_light l join visit_order o on o.enterprise_id = l.enterprise_id
                        where l.enterprise_id = ? and l.colour = 'RED' and l.suspended_at is null
                          and o.verified_at is null and o.due_on < ?
                        group by l.district_code""")
                .params(enterpriseId, Date.valueOf(times.today()))
                .query((rs, n) ->
                        new String[] {rs.getString("district_code"), rs.getString("due"), rs.getString("items")})
                .optional();
        if (due.isEmpty()) {
            return false;
        }
        String reason = "Compliance light red; rectification due " + due.get()[1] + " not verified: " + due.get()[2];
        Actor system = Actor.system("compliance-lights", "");
        boolean suspended = applications.suspendForCompliance(system, enterpriseId, reason);
        jdbc.sql("update visit_light set suspended_at = ?, version = version + 1 where enterprise_id = ?")
                .params(Timestamp.from(clock.instant()), enterpriseId)
                .update();
        jdbc.sql("""
                        insert into visit_suspension (id, enterprise_id, district_code, suspended_at, reason,
                                                      application_suspended)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        enterpriseId,
                        due.get()[0],
                        Timestamp.from(clock.instant()),
                        reason.length() > 500 ? reason.substring(0, 500) : reason,
                        suspended)
                .update();
        audit.recordAs(
                "compliance-lights",
                null,
                AuditEntry.of("visits", "Light", enterpriseId, "APPROVAL_SUSPENDED")
                        .change(null, Map.of("reason", reason, "applicationSuspended", suspended))
                        .owner(due.get()[0], enterpriseId));
        return true;
    }

    /** The sweep: every red enterprise whose order has passed its deadline is suspended (hourly, and at start). */
    @Scheduled(
            fixedDelayString = "${fugong.visits.sweep-every:PT1H}",
            initialDelayString = "${fugong.visits.sweep-after:PT1M}")
    public int sweep() {
        List<UUID> candidates = jdbc.sql("""
                        select distinct l.enterprise_id from visit_light l join visit_order o on o.enterprise_id = l.enterprise_id
                        where l.colour = 'RED' and l.suspended_at is null and o.verified_at is null and o.due_on < ?""")
                .param(Date.valueOf(times.today()))
                .query(UUID.class)
                .list();
        int suspended = 0;
        for (UUID enterprise : candidates) {
            try {
                Boolean done = transactions.execute(status -> suspendIfOverdue(enterprise));
                if (Boolean.TRUE.equals(done)) {
                    suspended++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not suspend enterprise {} for its lights", enterprise, e);
            }
        }
        return suspended;
    }
}
