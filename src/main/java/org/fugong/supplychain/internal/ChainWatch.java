package org.fugong.supplychain.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.enterprises.applications.ApplicationStatusChanged;
import org.fugong.supplychain.ChainsChanged;
import org.fugong.tickets.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chains react (it reacts): when an application changes status (a district's colour changes them
 * through the policy matrix), or a tree or an outside supplier's status changes, the graph is
 * brought up to date and each lead whose
 * standing changed is told — once, by the instance whose update of {@code supply_lead_state}
 * changed the row — and {@link ChainsChanged} is published for the dashboard.
 */
@Service
public class ChainWatch {

    private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

    /** Something in the supply chains changed on this instance (a tree, an outside status, a filing). */
    record Touched() {}

    private record Standing(boolean canRun, boolean suppliersReady) {}

    private final JdbcClient jdbc;
    private final ChainState state;
    private final Notices notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChainWatch(JdbcClient jdbc, ChainState state, Notices notices, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.state = state;
        this.notices = notices;
        this.events = events;
        this.clock = clock;
    }

    /** Only what depends on the enterprise is recomputed; the graph is not rebuilt. */
    @ApplicationModuleListener
    void on(ApplicationStatusChanged change) {
        state.refresh(change.enterpriseId());
        reconcile();
    }

    /** A tree, an outside status or a filing changed: rebuilt from what is now committed. */
    @ApplicationModuleListener
    void on(Touched touched) {
        state.changed();
        reconcile();
    }

    /** Compares every lead's standing with what it was last told; tells and publishes the changes. */
    @Transactional
    public List<ChainsChanged.Lead> reconcile() {
        ChainState.Snapshot snapshot = state.current();
        ChainGraph graph = snapshot.graph();
        Map<UUID, Standing> told = new HashMap<>();
        jdbc.sql("select lead_id, can_run, suppliers_ready from supply_lead_state")
                .query((rs, n) ->
                        told.put(rs.getObject(1, UUID.class), new Standing(rs.getBoolean(2), rs.getBoolean(3))))
                .list();
        Timestamp now = Timestamp.from(clock.instant());
        List<ChainsChanged.Lead> changed = new ArrayList<>();
        for (int lead : snapshot.leads()) {
            UUID id = snapshot.nodes().get(lead).id();
            Standing standing = new Standing(graph.canRun(lead), graph.partsSupplied(lead));
            Standing before = told.get(id);
            if (standing.equals(before)) {
                continue;
            }
            int updated = jdbc.sql("""
                            insert into supply_lead_state (lead_id, can_run, suppliers_ready, changed_at)
                            values (?, ?, ?, ?)
                            on conflict (lead_id) do update set can_run = excluded.can_run,
                                suppliers_ready = excluded.suppliers_ready, changed_at = excluded.changed_at
                            where (supply_lead_state.can_run, supply_lead_state.suppliers_ready)
                                is distinct from (excluded.can_run, excluded.suppliers_ready)""")
                    .params(id, standing.canRun(), standing.suppliersReady(), now)
                    .update();
            if (updated == 0 || before == null) {
                continue; // told by another instance, or a lead seen for the first time: nothing changed for it
            }
            changed.add(new ChainsChanged.Lead(id, standing.canRun(), standing.suppliersReady()));
            // The lead hears of its chain; of its own approval it hears from the applications.
            if (standing.suppliersReady() && !before.suppliersReady()) {
                notices.toEnterprise(id, standing.canRun() ? "CHAIN_RUNS" : "CHAIN_SUPPLIERS_READY", "");
            } else if (!standing.suppliersReady() && before.suppliersReady()) {
                notices.toEnterprise(id, "CHAIN_BLOCKED", String.join("、", graph.blockedParts(lead)));
            }
        }
        if (!changed.isEmpty()) {
            log.info("{} leads changed standing", changed.size());
            events.publishEvent(new ChainsChanged(List.copyOf(changed)));
        }
        return changed;
    }
}
