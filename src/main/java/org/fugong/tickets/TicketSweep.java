package org.fugong.tickets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.tickets.internal.Notifications;
import org.fugong.tickets.internal.SlaClock;
import org.fugong.tickets.internal.SlaPolicies;
import org.fugong.tickets.internal.SlaPolicy;
import org.fugong.tickets.internal.TicketStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation sweep. Finds tickets whose next escalation moment has passed through the partial
 * index on {@code next_escalation_at}, locks them {@code FOR UPDATE SKIP LOCKED} so that several
 * instances share the work without doing any of it twice, and takes each due step — first
 * response overdue, warning, breach (reminder notice to the unit head and escalation to the
 * command center), supervision — writing the timeline, the notifications and the next moment in
 * the same transaction.
 */
@Component
public class TicketSweep {

    private static final Logger log = LoggerFactory.getLogger(TicketSweep.class);
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final SlaPolicies policies;
    private final Notifications notifications;
    private final TicketUnits units;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TicketSweep(
            JdbcClient jdbc,
            TicketStore store,
            SlaPolicies policies,
            Notifications notifications,
            TicketUnits units,
            AuditTrail audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.policies = policies;
        this.notifications = notifications;
        this.units = units;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${fugong.tickets.sweep-every:60s}",
            initialDelayString = "${fugong.tickets.sweep-every:60s}")
    void scheduled() {
        int steps = sweep();
        if (steps > 0) {
            log.info("Ticket sweep took {} escalation steps", steps);
        }
    }

    /** Sweeps until no due ticket is left (for this instance); returns the number of steps taken. */
    public int sweep() {
        return sweep(clock.instant());
    }

    /** Sweeps as at {@code now} until no due ticket is left; returns the number of steps taken. */
    public int sweep(Instant now) {
        int total = 0;
        while (true) {
            int[] batch = sweepBatch(now, BATCH);
            total += batch[1];
            if (batch[0] < BATCH) {
                return total;
            }
        }
    }

    /** One batch in one transaction: {tickets looked at, steps taken}. */
    public int[] sweepBatch(Instant now, int limit) {
        int[] result = transactions.execute(status -> {
            List<UUID> due = jdbc.sql("""
                            select id from ticket where next_escalation_at <= ? order by next_escalation_at
                            limit ? for update skip locked""")
                    .params(Timestamp.from(now), limit)
                    .query(UUID.class)
                    .list();
            int steps = 0;
            Map<Long, SlaPolicy> policyCache = new LinkedHashMap<>();
            for (UUID id : due) {
                Ticket ticket = store.get(id);
                SlaPolicy policy = policyCache.computeIfAbsent(ticket.slaPolicyId(), policies::get);
                steps += escalate(ticket, policy, now);
            }
            return new int[] {due.size(), steps};
        });
        return result == null ? new int[] {0, 0} : result;
    }

    private int escalate(Ticket ticket, SlaPolicy policy, Instant now) {
        SlaClock.State state = TicketStore.clockState(ticket, policy);
        List<SlaClock.Step> steps = ticket.status().open() ? SlaClock.steps(state, now) : List.of();
        int level = ticket.escalationLevel();
        boolean firstLate = ticket.firstResponseLate();
        boolean escalated = ticket.escalated();
        String label = TicketStore.label(ticket);
        for (SlaClock.Step step : steps) {
            switch (step) {
                case FIRST_RESPONSE_OVERDUE -> {
                    firstLate = true;
                    store.event(
                            ticket,
                            "SLA",
                            "FIRST_RESPONSE_OVERDUE",
                            null,
                            null,
                            ticket.firstResponseDue().toString());
                    notifications.toUnit(ticket.unitCode(), ticket.id(), "FIRST_RESPONSE_OVERDUE", label);
                }
                case WARNED -> {
                    store.event(
                            ticket,
                            "SLA",
                            "WARNED",
                            null,
                            null,
                            ticket.solutionDue().toString());
                    notifications.toUnit(ticket.unitCode(), ticket.id(), "WARNED", label);
                }
                case BREACHED -> {
                    String head = units.find(ticket.unitCode())
                            .map(TicketUnits.Unit::headName)
                            .orElse(ticket.unitCode());
                    store.event(ticket, "SLA", "REMINDER_ISSUED", null, null, head);
                    notifications.toHeadOf(
                            ticket.unitCode(),
                            ticket.id(),
                            label,
                            "催办单 " + label,
                            "催办单：" + label + "，应于 " + ticket.solutionDue() + " 前办结，已超期，请即督办。");
                    escalated = true;
                    store.event(ticket, "SLA", "ESCALATED", null, null, TicketUnits.COMMAND_CENTER);
                    notifications.toUnit(TicketUnits.COMMAND_CENTER, ticket.id(), "ESCALATED", label);
                }
                case SUPERVISED -> {
                    store.event(ticket, "SLA", "SUPERVISED", null, null, null);
                    notifications.toUnit(TicketUnits.COMMAND_CENTER, ticket.id(), "SUPERVISED", label);
                    notifications.toUnit(ticket.unitCode(), ticket.id(), "SUPERVISED", label);
                }
            }
            level = SlaClock.levelAfter(step, level);
        }
        SlaClock.State after = new SlaClock.State(
                state.responded(),
                firstLate,
                level,
                state.firstResponseDue(),
                state.warningAt(),
                state.solutionDue(),
                state.supervisionAfter(),
                state.paused());
        @Nullable Instant next = ticket.status().open() ? SlaClock.next(after) : null;
        jdbc.sql("""
                        update ticket set escalation_level = ?, first_response_late = ?, escalated = ?, next_escalation_at = ?,
                            version = version + 1
                        where id = ?""")
                .params(level, firstLate, escalated, TicketStore.timestamp(next), ticket.id())
                .update();
        if (!steps.isEmpty()) {
            audit.recordAs(
                    "sla",
                    null,
                    AuditEntry.of("tickets", "Ticket", ticket.id(), "TICKET_ESCALATION")
                            .change(
                                    Map.of("level", ticket.escalationLevel()),
                                    Map.of("level", level, "steps", steps.toString()))
                            .owner(ticket.districtCode(), ticket.enterpriseId()));
        }
        return steps.size();
    }
}
