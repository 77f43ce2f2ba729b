package org.fugong.visits.internal;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.healthcode.Staff;
import org.fugong.shell.Times;
import org.fugong.tickets.TicketFigures;
import org.fugong.visits.Light;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A commissioner's work: his enterprises with their light, last visit, next visit due and open
 * orders, the most urgent first, each with the reasons it is where it is — an overdue visit, red or
 * yellow codes among its staff at the gates today, more of its staff at the gates than it was
 * approved for, overdue tickets, overdue orders.
 */
@Service
public class Worklist {

    public record Entry(
            EnterpriseSummary enterprise,
            @Nullable Light light,
            @Nullable Instant lastVisit,
            LocalDate nextDue,
            long openOrders,
            long overdueOrders,
            boolean suspended,
            List<LightRules.Reason> why,
            int urgency) {}

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final ApplicationDesk applications;
    private final Staff staff;
    private final TicketFigures tickets;
    private final LightRuleBook rules;
    private final Times times;

    Worklist(
            JdbcClient jdbc,
            EnterpriseDirectory enterprises,
            ApplicationDesk applications,
            Staff staff,
            TicketFigures tickets,
            LightRuleBook rules,
            Times times) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.applications = applications;
        this.staff = staff;
        this.tickets = tickets;
        this.rules = rules;
        this.times = times;
    }

    /** The entries for these enterprises (a commissioner's, or any the scope permits), most urgent first. */
    @Transactional(readOnly = true)
    public List<Entry> of(Scope scope, List<UUID> enterpriseIds) {
        LightRules ruleSet = rules.current();
        LocalDate today = times.today();
        Instant dayStart = times.startOfDay(today);
        Instant dayEnd = times.startOfDay(today.plusDays(1));
        Map<UUID, Staff.GateSignal> signals = staff.gateSignals(enterpriseIds, dayStart, dayEnd);
        Map<UUID, Long> overdueTickets = tickets.overdueByEnterprise(enterpriseIds);
        Map<UUID, Object[]> lights = new HashMap<>();
        jdbc.sql("select enterprise_id, colour, visited_at, suspended_at from visit_light where enterprise_id = any(?)")
                .param(enterpriseIds.toArray(UUID[]::new))
                .query((rs, n) -> lights.put(rs.getObject(1, UUID.class), new Object[] {
                    Light.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) != null
                }))
                .list();
        Map<UUID, long[]> orders = new HashMap<>();
        jdbc.sql("""
                        select enterprise_id, count(*) as open, count(*) filter (where due_on < ?) as overdue
                        from visit_order where enterprise_id = any(?) and verified_at is null group by enterprise_id""")
                .params(Date.valueOf(today), enterpriseIds.toArray(UUID[]::new))
                .query((rs, n) -> orders.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        List<Entry> entries = new ArrayList<>();
        for (UUID id : enterpriseIds) {
            EnterpriseSummary enterprise = enterprises.get(scope, id);
            Object[] light = lights.get(id);
            Light colour = light == null ? null : (Light) light[0];
            Instant last = light == null ? null : (Instant) light[1];
            boolean suspended = light != null && (Boolean) light[2];
            LocalDate nextDue = last == null
                    ? today
                    : last.plus(ruleSet.every(colour)).atZone(times.zone()).toLocalDate();
            long[] open = orders.getOrDefault(id, new long[2]);
            List<LightRules.Reason> why = new ArrayList<>();
            int urgency = 0;
            if (last == null) {
                why.add(new LightRules.Reason("visits.why.neverVisited", List.of()));
                urgency += 50;
            } else if (!nextDue.isAfter(today)) {
                long late = today.toEpochDay() - nextDue.toEpochDay();
                why.add(new LightRules.Reason(
                        late == 0 ? "visits.why.visitDue" : "visits.why.visitOverdue", List.of(String.valueOf(late))));
                urgency += 40 + (int) Math.min(late, 30);
            }
            Staff.GateSignal signal = signals.get(id);
            if (signal != null && signal.redOrYellow() > 0) {
                why.add(new LightRules.Reason("visits.why.codes", List.of(String.valueOf(signal.redOrYellow()))));
                urgency += 60;
            }
            Integer approved = approvedStaff(scope, id);
            if (signal != null && approved != null && signal.scanned() > approved) {
                why.add(new LightRules.Reason(
                        "visits.why.overStaff", List.of(String.valueOf(signal.scanned()), String.valueOf(approved))));
                urgency += 45;
            }
            long lateTickets = overdueTickets.getOrDefault(id, 0L);
            if (lateTickets > 0) {
                why.add(new LightRules.Reason("visits.why.tickets", List.of(String.valueOf(lateTickets))));
                urgency += 30;
            }
            if (open[1] > 0) {
                why.add(new LightRules.Reason("visits.why.orders", List.of(String.valueOf(open[1]))));
                urgency += 35;
            }
            if (colour == Light.RED) {
                urgency += 20;
            } else if (colour == Light.YELLOW) {
                urgency += 10;
            }
            entries.add(new Entry(enterprise, colour, last, nextDue, open[0], open[1], suspended, why, urgency));
        }
        entries.sort(Comparator.comparingInt(Entry::urgency)
                .reversed()
                .thenComparing(Entry::nextDue)
                .thenComparing(e -> e.enterprise().name()));
        return entries;
    }

    /** The staff count the enterprise's approval allows, if it is approved or back at work. */
    private @Nullable Integer approvedStaff(Scope scope, UUID enterpriseId) {
        return applications.ofEnterprise(scope, enterpriseId).stream()
                .filter(Application::current)
                .filter(a -> a.status().permitsWork())
                .map(Application::staffOnSite)
                .findFirst()
                .orElse(null);
    }
}
