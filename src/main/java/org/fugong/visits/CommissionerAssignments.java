package org.fugong.visits;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.AssignmentDirectory;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which enterprises each commissioner answers for; this is what a commissioner's scope is made of.
 * An enterprise may have two commissioners, a commissioner many enterprises. Districts assign their
 * own commissioners to their own enterprises (the web layer checks who and where); every change is
 * audited.
 */
@Service
public class CommissionerAssignments implements AssignmentDirectory {

    /** At most this many commissioners answer for one enterprise. */
    public static final int MAX_PER_ENTERPRISE = 2;

    /** One line of a bulk file, resolved: the commissioner, the enterprise and its district, assign or remove. */
    public record Line(UUID commissionerId, UUID enterpriseId, String districtCode, boolean remove) {}

    public static final List<String> IMPORT_HEADER = List.of("commissioner", "credit_code", "action");
    /** Lines one assignment file may have. */
    public static final int MAX_IMPORT_LINES = 2000;

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

    /** Assigns a commissioner to an enterprise of a district (nothing if already assigned); whether it was new. */
    @Transactional
    public boolean assign(UUID commissionerId, UUID enterpriseId, String districtCode, String assignedBy) {
        long others = jdbc.sql("select count(*) from visit_assignment where enterprise_id = ? and commissioner_id <> ?")
                .params(enterpriseId, commissionerId)
                .query(Long.class)
                .single();
        if (others >= MAX_PER_ENTERPRISE) {
            throw InvalidInputException.of("commissioner", "visits.error.twoCommissioners");
        }
        int added = jdbc.sql("""
                        insert into visit_assignment (commissioner_id, enterprise_id, district_code, assigned_at,
                                                      assigned_by)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(commissionerId, enterpriseId, districtCode, Timestamp.from(clock.instant()), assignedBy)
                .update();
        if (added == 1) {
            audit.record(
                    AuditEntry.of("visits", "Assignment", commissionerId + "/" + enterpriseId, "COMMISSIONER_ASSIGNED")
                            .owner(districtCode, enterpriseId));
        }
        return added == 1;
    }

    /** Ends an assignment (nothing if there is none); whether there was one. */
    @Transactional
    public boolean unassign(UUID commissionerId, UUID enterpriseId, String districtCode) {
        int removed = jdbc.sql("delete from visit_assignment where commissioner_id = ? and enterprise_id = ?")
                .params(commissionerId, enterpriseId)
                .update();
        if (removed == 1) {
            audit.record(AuditEntry.of(
                            "visits", "Assignment", commissionerId + "/" + enterpriseId, "COMMISSIONER_UNASSIGNED")
                    .owner(districtCode, enterpriseId));
        }
        return removed == 1;
    }

    /** The commissioners of an enterprise. */
    @Transactional(readOnly = true)
    public List<UUID> commissionersOf(UUID enterpriseId) {
        return jdbc.sql("select commissioner_id from visit_assignment where enterprise_id = ? order by assigned_at")
                .param(enterpriseId)
                .query(UUID.class)
                .list();
    }

    /** Applies a checked bulk file: all lines or none. How many assignments changed. */
    @Transactional
    public int apply(List<Line> lines, String by) {
        int changed = 0;
        for (Line line : lines) {
            boolean done = line.remove()
                    ? unassign(line.commissionerId(), line.enterpriseId(), line.districtCode())
                    : assign(line.commissionerId(), line.enterpriseId(), line.districtCode(), by);
            changed += done ? 1 : 0;
        }
        return changed;
    }

    /** The cells of a bulk file's lines after its header, or the file's problem. */
    public static List<List<String>> lines(String filename, byte[] content) {
        List<List<String>> rows =
                TabularFile.upload(filename, content, IMPORT_HEADER, "visits.error.importHeader", MAX_IMPORT_LINES);
        List<List<String>> lines = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            lines.add(List.of(
                    TabularFile.cell(row, 0).toLowerCase(Locale.ROOT),
                    TabularFile.cell(row, 1).toUpperCase(Locale.ROOT),
                    TabularFile.cell(row, 2).toLowerCase(Locale.ROOT)));
        }
        return lines;
    }
}
