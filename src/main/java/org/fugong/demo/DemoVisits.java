package org.fugong.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.shell.Times;
import org.fugong.visits.CommissionerAssignments;
import org.fugong.visits.VisitBackfill;
import org.springframework.stereotype.Component;

/**
 * Three weeks of a commissioner's visits to his six enterprises: ent-haishu's shop green every week,
 * an approved one red (three yellows in a row) with a warning talk and its approval suspended, one
 * green all along, one whose visit is overdue, one yellow with an open order, one never visited; and
 * a visit by Jiangbei's commissioner.
 */
@Component
class DemoVisits {

    private final VisitBackfill backfill;
    private final CommissionerAssignments assignments;
    private final Times times;

    DemoVisits(VisitBackfill backfill, CommissionerAssignments assignments, Times times) {
        this.backfill = backfill;
        this.assignments = assignments;
        this.times = times;
    }

    /**
     * Loads the visits; the enterprises are the commissioner's: ent-haishu's first, then two approved
     * ones, then the others. How many visits.
     */
    int load(
            String cityCode,
            UUID commissionerId,
            String haishu,
            List<UUID> mine,
            UUID jiangbeiCommissioner,
            String jiangbei,
            UUID jiangbeiFactory) {
        Actor commissioner = commissioner(commissionerId, "commissioner", "驻企专员 李强", cityCode, haishu);
        Scope scope = Scope.assigned(assignments.enterprisesOf(commissionerId));
        // The red one has an approval to suspend; the next approved one stays green.
        UUID red = mine.get(1);
        List<UUID> others = mine.subList(2, mine.size());
        int n = 0;
        // ent-haishu's shop: green every week.
        n += visit(commissioner, scope, mine.get(0), 20, Map.of());
        n += visit(commissioner, scope, mine.get(0), 13, Map.of());
        n += visit(commissioner, scope, mine.get(0), 6, Map.of());
        // Three yellows in a row: red, a warning talk, and past the order's deadline the approval is suspended.
        n += visit(commissioner, scope, red, 20, Map.of("STAFF_LEDGER", "台账不全 / the staff ledger is incomplete"));
        n += visit(commissioner, scope, red, 17, Map.of("STAFF_LEDGER", "仍未补齐 / still incomplete"));
        n += visit(
                commissioner,
                scope,
                red,
                14,
                Map.of("STAFF_LEDGER", "仍未补齐 / still incomplete", "SYMPTOM_LINE", "无症状报告电话 / no symptom line"));
        // Green all along.
        n += visit(commissioner, scope, others.get(0), 19, Map.of());
        n += visit(commissioner, scope, others.get(0), 12, Map.of());
        n += visit(commissioner, scope, others.get(0), 5, Map.of());
        // Green once, sixteen days ago: its weekly visit is overdue.
        n += visit(commissioner, scope, others.get(1), 16, Map.of());
        // Yellow two days ago, with an open order; the last one never visited.
        n += visit(
                commissioner,
                scope,
                others.get(2),
                2,
                Map.of("DISINFECTION", "消毒记录缺三天 / three days of the disinfection record missing"));
        Actor second = commissioner(jiangbeiCommissioner, "commissioner-jb", "驻企专员 王芳", cityCode, jiangbei);
        n += visit(
                second,
                Scope.assigned(assignments.enterprisesOf(jiangbeiCommissioner)),
                jiangbeiFactory,
                3,
                Map.of("VISITORS_SCREENED", "访客未登记 / visitors not registered"));
        return n;
    }

    private int visit(Actor commissioner, Scope scope, UUID enterprise, int daysAgo, Map<String, String> failed) {
        LocalDate day = times.today().minusDays(daysAgo);
        Instant at = times.startOfDay(day).plus(Duration.ofHours(10));
        backfill.record(commissioner, scope, enterprise, at, failed, 40 - daysAgo, 50, 60 + (20 - daysAgo));
        return 1;
    }

    private static Actor commissioner(UUID id, String username, String name, String cityCode, String district) {
        return new Actor(
                id, username, name, Role.COMMISSIONER, cityCode, district, null, null, true, false, false, null);
    }
}
