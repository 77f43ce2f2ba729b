package org.fugong.supplychain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.supplychain.internal.ChainGraph;
import org.fugong.supplychain.internal.ChainState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supply chains' counts for the dashboard, per district of the leads the reader may see: leads,
 * how many can run, how many wait only for their own approval, how many are blocked by a supplier, and
 * suppliers of chain filings still waiting for review.
 */
@Service
public class ChainFigures {

    /** One district's (or the total's) counts. */
    public record Counts(
            String districtCode,
            long leads,
            long running,
            long waitingForOwnApproval,
            long blockedBySuppliers,
            long filedSuppliersWaiting) {}

    /** Every district with a lead in scope, then the total ("ALL"). */
    public record Figures(List<Counts> districts, Counts total) {}

    private final ChainState state;
    private final EnterpriseDirectory enterprises;
    private final JdbcClient jdbc;

    ChainFigures(ChainState state, EnterpriseDirectory enterprises, JdbcClient jdbc) {
        this.state = state;
        this.enterprises = enterprises;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Figures figures(Scope scope) {
        ChainState.Snapshot snapshot = state.current();
        ChainGraph graph = snapshot.graph();
        List<UUID> ids = snapshot.leads().stream()
                .map(lead -> snapshot.nodes().get(lead).id())
                .toList();
        Map<UUID, EnterpriseSummary> leads = enterprises.getAll(ids);
        Map<String, long[]> byDistrict = new TreeMap<>();
        for (int lead : snapshot.leads()) {
            EnterpriseSummary e = leads.get(snapshot.nodes().get(lead).id());
            if (e == null || !scope.permits(e.districtCode(), e.id())) {
                continue;
            }
            long[] row = byDistrict.computeIfAbsent(e.districtCode(), k -> new long[5]);
            row[0]++;
            boolean suppliersReady = graph.partsSupplied(lead);
            if (graph.canRun(lead)) {
                row[1]++;
            } else if (suppliersReady) {
                row[2]++;
            } else {
                row[3]++;
            }
        }
        // Suppliers of a chain filing whose application still waits for review.
        jdbc.sql("select lead_id, supplier_id from supply_filing_item where supplier_kind = 'E'")
                .query((rs, n) -> {
                    EnterpriseSummary e = leads.get(rs.getObject(1, UUID.class));
                    ApplicationStatus status = snapshot.statuses().get(rs.getObject(2, UUID.class));
                    if (e != null && status != null && status.pending() && byDistrict.containsKey(e.districtCode())) {
                        byDistrict.get(e.districtCode())[4]++;
                    }
                    return null;
                })
                .list();
        List<Counts> districts = new ArrayList<>();
        long[] total = new long[5];
        byDistrict.forEach((district, row) -> {
            districts.add(new Counts(district, row[0], row[1], row[2], row[3], row[4]));
            for (int i = 0; i < 5; i++) {
                total[i] += row[i];
            }
        });
        return new Figures(districts, new Counts("ALL", total[0], total[1], total[2], total[3], total[4]));
    }
}
