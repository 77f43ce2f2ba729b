package org.fugong.visits;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.AssignmentDirectory;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which enterprises each commissioner answers for; this is what a commissioner's scope is made of. */
@Service
public class CommissionerAssignments implements AssignmentDirectory {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    CommissionerAssignments(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> enterprisesOf(UUID commissionerId) {
        return new HashSet<>(jdbc.sql("select enterprise_id from visit_assignment where commissioner_id = ?")
                .param(commissionerId)
                .query(UUID.class)
                .list());
    }

    @Transactional
    public void assign(UUID commissionerId, UUID enterpriseId, String districtCode, String assignedBy) {
        int added = jdbc.sql("""
                        insert into visit_assignment (commissioner_id, enterprise_id, assigned_at, assigned_by)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(commissionerId, enterpriseId, Timestamp.from(clock.instant()), assignedBy)
                .update();
        if (added == 1) {
            audit.record(
                    AuditEntry.of("visits", "Assignment", commissionerId + "/" + enterpriseId, "COMMISSIONER_ASSIGNED")
                            .owner(districtCode, enterpriseId));
        }
    }
}
