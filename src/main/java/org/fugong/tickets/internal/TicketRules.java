package org.fugong.tickets.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.geography.Geography;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.StaleVersionException;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketUnits;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's rules as data, edited by city officials: where each category goes (by default, and
 * for a district), and the SLA policies. A change applies to tickets filed (or reopened) from then
 * on; tickets already running keep the due times they were given. Every change is audited.
 */
@Service
public class TicketRules {

    public record Route(
            long id, TicketCategory category, @Nullable String districtCode, String unitCode) {}

    /** A new or changed policy; {@code id} null for a new one. Times in minutes. */
    public record PolicyChange(
            @Nullable Long id,
            @Nullable TicketCategory category,
            @Nullable TicketPriority priority,
            int firstResponseMinutes,
            boolean solveByEndOfDay,
            int solutionMinutes,
            int difficultSolutionMinutes,
            int warningPercent,
            int supervisionAfterMinutes,
            boolean workingHoursOnly) {}

    private final JdbcClient jdbc;
    private final TicketUnits units;
    private final Geography geography;
    private final AuditTrail audit;

    TicketRules(JdbcClient jdbc, TicketUnits units, Geography geography, AuditTrail audit) {
        this.jdbc = jdbc;
        this.units = units;
        this.geography = geography;
        this.audit = audit;
    }

    /** The default unit of each category ("DISTRICT": the ticket's own district service group). */
    @Transactional(readOnly = true)
    public Map<TicketCategory, String> defaults() {
        Map<TicketCategory, String> defaults = new LinkedHashMap<>();
        jdbc.sql("select category, unit_code from ticket_route_default")
                .query((rs, n) -> defaults.put(TicketCategory.valueOf(rs.getString(1)), rs.getString(2)))
                .list();
        return defaults;
    }

    @Transactional(readOnly = true)
    public List<Route> routes() {
        return jdbc.sql(
                        "select id, category, district_code, unit_code from ticket_route order by category, district_code")
                .query((rs, n) -> new Route(
                        rs.getLong(1), TicketCategory.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    @Transactional
    public void setDefault(Actor actor, TicketCategory category, String unitCode) {
        requireCity(actor);
        if (!unitCode.equals("DISTRICT") && units.find(unitCode).isEmpty()) {
            throw new InvalidInputException(Map.of("unit", "ticket.error.unit"));
        }
        String before = defaults().get(category);
        jdbc.sql("""
                        insert into ticket_route_default (category, unit_code) values (?, ?)
                        on conflict (category) do update set unit_code = excluded.unit_code""").params(category.name(), unitCode).update();
        audit.record(AuditEntry.of("tickets", "RouteDefault", category.name(), "TICKET_ROUTE_DEFAULT_CHANGED")
                .change(before == null ? null : Map.of("unit", before), Map.of("unit", unitCode)));
    }

    /** A rule for one district: this category goes to this unit there. Replaces an earlier rule for the pair. */
    @Transactional
    public void setRoute(Actor actor, TicketCategory category, String districtCode, String unitCode) {
        requireCity(actor);
        if (geography.district(districtCode).isEmpty()) {
            throw new InvalidInputException(Map.of("district", "ticket.error.district"));
        }
        if (units.find(unitCode).isEmpty()) {
            throw new InvalidInputException(Map.of("unit", "ticket.error.unit"));
        }
        jdbc.sql("delete from ticket_route where category = ? and district_code = ?")
                .params(category.name(), districtCode)
                .update();
        jdbc.sql("insert into ticket_route (category, district_code, unit_code) values (?, ?, ?)")
                .params(category.name(), districtCode, unitCode)
                .update();
        audit.record(AuditEntry.of("tickets", "Route", category + "/" + districtCode, "TICKET_ROUTE_SET")
                .change(null, Map.of("unit", unitCode))
                .owner(districtCode, null));
    }

    @Transactional
    public void removeRoute(Actor actor, long id) {
        requireCity(actor);
        Route route = routes().stream().filter(r -> r.id() == id).findFirst().orElseThrow(StaleVersionException::new);
        jdbc.sql("delete from ticket_route where id = ?").param(id).update();
        audit.record(
                AuditEntry.of("tickets", "Route", route.category() + "/" + route.districtCode(), "TICKET_ROUTE_REMOVED")
                        .change(Map.of("unit", route.unitCode()), null)
                        .owner(route.districtCode(), null));
    }

    @Transactional
    public void savePolicy(Actor actor, PolicyChange change) {
        requireCity(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        if (change.firstResponseMinutes() < 1 || change.firstResponseMinutes() > 10_080) {
            problems.put("firstResponseMinutes", "ticket.error.minutes");
        }
        if (change.solutionMinutes() < 1 || change.solutionMinutes() > 43_200) {
            problems.put("solutionMinutes", "ticket.error.minutes");
        }
        if (change.difficultSolutionMinutes() < change.solutionMinutes()
                || change.difficultSolutionMinutes() > 43_200) {
            problems.put("difficultSolutionMinutes", "ticket.error.difficultMinutes");
        }
        if (change.warningPercent() < 1 || change.warningPercent() > 99) {
            problems.put("warningPercent", "ticket.error.percent");
        }
        if (change.supervisionAfterMinutes() < 1 || change.supervisionAfterMinutes() > 43_200) {
            problems.put("supervisionAfterMinutes", "ticket.error.minutes");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put(
                "category", change.category() == null ? null : change.category().name());
        after.put(
                "priority", change.priority() == null ? null : change.priority().name());
        after.put("firstResponseMinutes", change.firstResponseMinutes());
        after.put("solveByEndOfDay", change.solveByEndOfDay());
        after.put("solutionMinutes", change.solutionMinutes());
        after.put("difficultSolutionMinutes", change.difficultSolutionMinutes());
        after.put("warningPercent", change.warningPercent());
        after.put("supervisionAfterMinutes", change.supervisionAfterMinutes());
        after.put("workingHoursOnly", change.workingHoursOnly());
        String category = change.category() == null ? null : change.category().name();
        String priority = change.priority() == null ? null : change.priority().name();
        if (change.id() == null) {
            int added = jdbc.sql("""
                            insert into ticket_sla_policy (category, priority, first_response_minutes, solve_by_end_of_day,
                                solution_minutes, difficult_solution_minutes, warning_percent, supervision_after_minutes,
                                working_hours_only)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            category,
                            priority,
                            change.firstResponseMinutes(),
                            change.solveByEndOfDay(),
                            change.solutionMinutes(),
                            change.difficultSolutionMinutes(),
                            change.warningPercent(),
                            change.supervisionAfterMinutes(),
                            change.workingHoursOnly())
                    .update();
            if (added == 0) {
                throw new InvalidInputException(Map.of("category", "ticket.error.policyExists"));
            }
            audit.record(AuditEntry.of("tickets", "SlaPolicy", null, "TICKET_POLICY_ADDED")
                    .change(null, after));
            return;
        }
        int changed = jdbc.sql("""
                        update ticket_sla_policy set first_response_minutes = ?, solve_by_end_of_day = ?, solution_minutes = ?,
                            difficult_solution_minutes = ?, warning_percent = ?, supervision_after_minutes = ?,
                            working_hours_only = ?
                        where id = ?""")
                .params(
                        change.firstResponseMinutes(),
                        change.solveByEndOfDay(),
                        change.solutionMinutes(),
                        change.difficultSolutionMinutes(),
                        change.warningPercent(),
                        change.supervisionAfterMinutes(),
                        change.workingHoursOnly(),
                        change.id())
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        audit.record(AuditEntry.of("tickets", "SlaPolicy", change.id(), "TICKET_POLICY_CHANGED")
                .change(null, after));
    }

    public record Holiday(LocalDate day, String name) {}

    @Transactional(readOnly = true)
    public List<Holiday> holidays() {
        return jdbc.sql("select day, name from ticket_holiday order by day")
                .query(Holiday.class)
                .list();
    }

    /** A public holiday: policies on the working calendar do not count it. */
    @Transactional
    public void addHoliday(Actor actor, LocalDate day, @Nullable String name) {
        requireCity(actor);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException(Map.of("holiday", "ticket.error.holiday"));
        }
        jdbc.sql(
                        "insert into ticket_holiday (day, name) values (?, ?) on conflict (day) do update set name = excluded.name")
                .params(Date.valueOf(day), name.trim())
                .update();
        audit.record(AuditEntry.of("tickets", "Holiday", day.toString(), "TICKET_HOLIDAY_SET")
                .change(null, Map.of("name", name.trim())));
    }

    @Transactional
    public void removeHoliday(Actor actor, LocalDate day) {
        requireCity(actor);
        if (jdbc.sql("delete from ticket_holiday where day = ?")
                        .param(Date.valueOf(day))
                        .update()
                == 0) {
            throw new StaleVersionException();
        }
        audit.record(AuditEntry.of("tickets", "Holiday", day.toString(), "TICKET_HOLIDAY_REMOVED"));
    }

    private static void requireCity(Actor actor) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials edit the desk's rules");
        }
    }
}
