package org.fugong.enterprises.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.ApplicationStatusChanged;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.riskmap.RiskColour;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application rows, for the desk, the review and the re-evaluation: read (with the
 * enterprise's name and code), locked at the version a form saw, moved to a status the status
 * allows with the step written to the history, and audited — in the caller's transaction.
 */
@Component
public class ApplicationStore {

    /** The policy matrix acting on its own: approvals on filing and after a colour change. */
    public static final Actor POLICY = Actor.system("policy", "");

    public static final String SELECT = """
            select a.*, e.name as enterprise_name, e.uscc as enterprise_uscc
            from resumption_application a join enterprise e on e.id = a.enterprise_id""";
    private static final TypeReference<Map<String, String>> MEASURES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Application.ItemVerdict>> VERDICTS = new TypeReference<>() {};

    /** One step of an application's history: who did what, from which status to which, and why. */
    public record Step(
            long id,
            Instant at,
            String actorName,
            String action,
            @Nullable ApplicationStatus fromStatus,
            ApplicationStatus toStatus,
            @Nullable String remark) {

        public String messageKey() {
            return "application.action." + action;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;
    private final int validityDays;
    private final RowMapper<Application> rows;
    private final ApplicationEventPublisher events;

    ApplicationStore(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            AuditTrail audit,
            JsonMapper json,
            Times times,
            Clock clock,
            @Value("${fugong.enterprises.approval-validity-days:30}") int validityDays) {
        this.jdbc = jdbc;
        this.events = events;
        this.audit = audit;
        this.json = json;
        this.times = times;
        this.clock = clock;
        this.validityDays = validityDays;
        this.rows = (rs, n) -> new Application(
                rs.getObject("id", UUID.class),
                rs.getObject("enterprise_id", UUID.class),
                rs.getString("enterprise_name"),
                rs.getString("enterprise_uscc"),
                rs.getString("district_code"),
                rs.getBoolean("current"),
                ApplicationStatus.valueOf(rs.getString("status")),
                rs.getObject("planned_date", LocalDate.class),
                (Integer) rs.getObject("staff_local"),
                (Integer) rs.getObject("staff_other_provinces"),
                (Integer) rs.getObject("staff_risk_areas"),
                json.readValue(rs.getString("measures"), MEASURES),
                rs.getString("commitment_name"),
                instant(rs.getTimestamp("commitment_at")),
                enumOrNull(PolicyDecision.class, rs.getString("policy_decision")),
                enumOrNull(RiskColour.class, rs.getString("policy_colour")),
                enumOrNull(PolicyCategory.class, rs.getString("policy_category")),
                json.readValue(rs.getString("verdicts"), VERDICTS),
                rs.getString("remark"),
                rs.getString("reviewer"),
                rs.getBoolean("flagged"),
                rs.getString("flag_reason"),
                instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("decided_at")),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class),
                instant(rs.getTimestamp("resumed_at")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"),
                rs.getObject("chain_lead_id") == null
                        ? null
                        : new Application.ChainMark(
                                rs.getObject("chain_lead_id", UUID.class),
                                rs.getString("chain_lead_name"),
                                rs.getString("chain_importance"),
                                rs.getBoolean("chain_key")));
    }

    public Optional<Application> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(rows).optional();
    }

    public Application get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("application", id));
    }

    /** Applications matching a condition on {@code a} (or {@code e}, the enterprise), in an order, with named parameters. */
    public List<Application> where(String condition, String orderAndLimit, Map<String, ?> parameters) {
        return jdbc.sql(SELECT + " where " + condition + " " + orderAndLimit)
                .params(parameters)
                .query(rows)
                .list();
    }

    /** The enterprise's current application, if it has one. */
    public Optional<Application> current(UUID enterpriseId) {
        return jdbc.sql(SELECT + " where a.enterprise_id = ? and a.current")
                .param(enterpriseId)
                .query(rows)
                .optional();
    }

    /** The application locked for change, refused if it is not at the version the form saw. */
    public Application locked(UUID id, @Nullable Long version) {
        Application application = jdbc.sql(SELECT + " where a.id = ? for update of a")
                .param(id)
                .query(rows)
                .optional()
                .orElseThrow(() -> new NotFoundException("application", id));
        if (version == null || application.version() != version) {
            throw new StaleVersionException();
        }
        return application;
    }

    public List<Step> history(UUID id) {
        return jdbc.sql("select * from resumption_application_step where application_id = ? order by id")
                .param(id)
                .query(Step.class)
                .list();
    }

    /**
     * Moves the application (at its version) to a status its status allows, setting columns, and
     * writes the step of its history.
     */
    public Application transition(
            Application before,
            ApplicationStatus to,
            Actor actor,
            String action,
            @Nullable String remark,
            Map<String, ?> sets) {
        if (to != before.status() && !before.status().canMoveTo(to)) {
            throw new RefusedChangeException("application.error.illegalMove");
        }
        StringBuilder sql = new StringBuilder(
                "update resumption_application set status = :status, updated_at = :now, " + "version = version + 1");
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        sets.forEach((column, value) -> {
            sql.append(", ")
                    .append(column)
                    .append(column.equals("verdicts") ? " = cast(:" + column + " as jsonb)" : " = :" + column);
            params.put(column, value);
        });
        params.put("status", to.name());
        params.put("now", Timestamp.from(clock.instant()));
        params.put("id", before.id());
        params.put("version", before.version());
        int changed = jdbc.sql(sql + " where id = :id and version = :version")
                .params(params)
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        step(before.id(), actor, action, before.status(), to, remark);
        published(before, to);
        return get(before.id());
    }

    private void published(Application before, ApplicationStatus to) {
        if (to != before.status()) {
            events.publishEvent(new ApplicationStatusChanged(
                    before.id(), before.enterpriseId(), before.districtCode(), before.status(), to));
        }
    }

    /**
     * Back to the status it had before the compliance lights suspended it, or null when it was not
     * suspended by them (an official's suspension is final).
     */
    public @Nullable Application restoreFromLights(Application before, Actor actor, String reason) {
        String from = jdbc.sql("select suspended_from from resumption_application where id = ? and suspended_by_lights")
                .param(before.id())
                .query(String.class)
                .optional()
                .orElse(null);
        if (from == null) {
            return null;
        }
        ApplicationStatus to = ApplicationStatus.valueOf(from);
        int changed = jdbc.sql("""
                        update resumption_application
                        set status = ?, suspended_from = null, suspended_by_lights = false, remark = ?, updated_at = ?,
                            version = version + 1
                        where id = ? and version = ?""")
                .params(to.name(), reason, Timestamp.from(clock.instant()), before.id(), before.version())
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        step(before.id(), actor, "RESTORED_BY_LIGHTS", before.status(), to, reason);
        published(before, to);
        return get(before.id());
    }

    /** Approves: valid from the planned date (or today, if that has passed) for the configured number of days. */
    public Application approve(
            Actor actor, Application before, Map<String, ?> sets, String action, @Nullable String remark) {
        LocalDate today = times.today();
        LocalDate from =
                before.plannedDate() == null || before.plannedDate().isBefore(today) ? today : before.plannedDate();
        Map<String, @Nullable Object> all = new LinkedHashMap<>(sets);
        all.put("valid_from", Date.valueOf(from));
        all.put("valid_until", Date.valueOf(from.plusDays(validityDays - 1L)));
        all.put("decided_at", Timestamp.from(clock.instant()));
        return transition(before, ApplicationStatus.APPROVED, actor, action, remark, all);
    }

    public void step(
            UUID id,
            Actor actor,
            String action,
            @Nullable ApplicationStatus from,
            ApplicationStatus to,
            @Nullable String remark) {
        jdbc.sql("""
                        insert into resumption_application_step (application_id, at, actor_name, action, from_status,
                                                                 to_status, remark)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        Timestamp.from(clock.instant()),
                        actor.displayName(),
                        action,
                        from == null ? null : from.name(),
                        to.name(),
                        remark)
                .update();
    }

    public void audit(Actor actor, Application after, String action, @Nullable Application before) {
        audit.recordAs(
                actor.getUsername(), actor.isSystem() ? null : actor.role().name(), entry(after, action, before));
    }

    public static AuditEntry entry(Application after, String action, @Nullable Application before) {
        return AuditEntry.of("enterprises", "ResumptionApplication", after.id(), action)
                .change(before == null ? null : state(before), state(after))
                .owner(after.districtCode(), after.enterpriseId());
    }

    public String toJson(Object value) {
        return json.writeValueAsString(value);
    }

    private static Map<String, @Nullable Object> state(Application a) {
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
        state.put("status", a.status().name());
        state.put(
                "plannedDate", a.plannedDate() == null ? null : a.plannedDate().toString());
        state.put("staffLocal", a.staffLocal());
        state.put("staffOtherProvinces", a.staffOtherProvinces());
        state.put("staffRiskAreas", a.staffRiskAreas());
        state.put("measures", a.measures());
        state.put("commitmentName", a.commitmentName());
        state.put(
                "policyDecision",
                a.policyDecision() == null ? null : a.policyDecision().name());
        state.put(
                "policyColour",
                a.policyColour() == null ? null : a.policyColour().name());
        state.put("verdicts", a.verdicts());
        state.put("remark", a.remark());
        state.put("flagged", a.flagged());
        state.put("validUntil", a.validUntil() == null ? null : a.validUntil().toString());
        return state;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <E extends Enum<E>> @Nullable E enumOrNull(Class<E> type, @Nullable String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
