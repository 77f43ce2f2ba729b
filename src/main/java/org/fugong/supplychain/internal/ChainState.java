package org.fugong.supplychain.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The whole city's supply graph in memory, with what can run: built from every lead's links, the
 * applications' statuses (through the applications API) and the recorded statuses of outside
 * suppliers. Rebuilt after a change on this instance, and at most {@link #MAX_AGE} after a change
 * elsewhere (another instance, an application decided).
 */
@Service
public class ChainState {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    /** A node of the graph: a registry enterprise (E) or a supplier outside the city (X). */
    public record Node(char kind, UUID id) {
        public boolean outside() {
            return kind == 'X';
        }
    }

    /** The graph at one moment, with its nodes by index and the leads among them. */
    public record Snapshot(
            ChainGraph graph,
            List<Node> nodes,
            Map<Node, Integer> index,
            Set<Integer> leads,
            Map<UUID, ApplicationStatus> statuses,
            Set<UUID> held,
            Map<UUID, String> outsideStatuses,
            Instant builtAt,
            long change) {

        public Integer of(Node node) {
            return index.get(node);
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationDesk applications;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;

    ChainState(JdbcClient jdbc, ApplicationDesk applications, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.clock = clock;
    }

    /** Something changed here: the next reader rebuilds. */
    void changed() {
        changes.incrementAndGet();
    }

    public Snapshot current() {
        Snapshot current = snapshot;
        if (current == null
                || current.change() != changes.get()
                || current.builtAt().plus(MAX_AGE).isBefore(clock.instant())) {
            synchronized (this) {
                current = snapshot;
                if (current == null
                        || current.change() != changes.get()
                        || current.builtAt().plus(MAX_AGE).isBefore(clock.instant())) {
                    current = build();
                    snapshot = current;
                }
            }
        }
        return current;
    }

    private Snapshot build() {
        long change = changes.get();
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> index = new HashMap<>();
        List<ChainGraph.Link> links = new ArrayList<>();
        jdbc.sql("select buyer_kind, buyer_id, supplier_kind, supplier_id, part from supply_link")
                .query((rs, n) -> {
                    int buyer = node(new Node(rs.getString(1).charAt(0), rs.getObject(2, UUID.class)), nodes, index);
                    int supplier = node(new Node(rs.getString(3).charAt(0), rs.getObject(4, UUID.class)), nodes, index);
                    links.add(new ChainGraph.Link(buyer, rs.getString(5), supplier));
                    return null;
                })
                .list();
        Set<Integer> leads = new HashSet<>();
        jdbc.sql("select lead_id from supply_tree")
                .query(UUID.class)
                .list()
                .forEach(lead -> leads.add(node(new Node('E', lead), nodes, index)));
        List<UUID> registry =
                nodes.stream().filter(n -> !n.outside()).map(Node::id).toList();
        Map<UUID, ApplicationStatus> statuses = applications.currentStatuses(registry);
        Map<UUID, String> outside = new HashMap<>();
        jdbc.sql("select id, status from supply_outside")
                .query((rs, n) -> outside.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        boolean[] base = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            base[i] = node.outside() ? "RUNNING".equals(outside.get(node.id())) : mayRun(statuses.get(node.id()));
        }
        return new Snapshot(
                new ChainGraph(nodes.size(), links, base),
                List.copyOf(nodes),
                Map.copyOf(index),
                Set.copyOf(leads),
                statuses,
                applications.held(registry),
                outside,
                clock.instant(),
                change);
    }

    /** A registry enterprise may run by itself when its approval stands or it is back at work. */
    static boolean mayRun(@Nullable ApplicationStatus status) {
        return status != null && status.permitsWork();
    }

    private static int node(Node node, List<Node> nodes, Map<Node, Integer> index) {
        Integer at = index.get(node);
        if (at == null) {
            at = nodes.size();
            nodes.add(node);
            index.put(node, at);
        }
        return at;
    }
}
