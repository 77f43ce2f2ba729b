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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The whole city's supply graph in memory, with what can run: built from every lead's links, the
 * applications' statuses (through the applications API) and the recorded statuses of outside
 * suppliers.
 *
 * <p>A change of the graph's shape (a tree replaced, an outside supplier's status recorded) rebuilds
 * it. A change of who may work does not: an application's move on this instance is applied at once
 * ({@link #refresh(UUID)}), and every {@link #REFRESH} the applications changed since the last look
 * (on any instance) are applied; either way only what depends on the enterprise is recomputed. A
 * shape changed on another instance is seen by the same look (the trees' and outside statuses'
 * latest change), and {@link #MAX_AGE} rebuilds from scratch whatever happened.
 */
@Service
public class ChainState {

    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Looks back this much further than the last look, for transactions that committed late. */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    /** A node of the graph: a registry enterprise (E) or a supplier outside the city (X). */
    public record Node(char kind, UUID id) {
        public boolean outside() {
            return kind == 'X';
        }
    }

    /**
     * The graph at one moment, with its nodes by index and the leads among them. The statuses and the
     * held set follow the graph as it is updated (under the graph's lock).
     */
    public record Snapshot(
            ChainGraph graph,
            List<Node> nodes,
            Map<Node, Integer> index,
            Set<Integer> leads,
            Map<UUID, ApplicationStatus> statuses,
            Set<UUID> held,
            Map<UUID, String> outsideStatuses,
            Instant builtAt,
            long change,
            String shape) {

        public @Nullable Integer of(Node node) {
            return index.get(node);
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationDesk applications;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private volatile @Nullable Snapshot snapshot;
    private volatile Instant lookedAt = Instant.EPOCH;
    private final AtomicLong rebuilds = new AtomicLong();

    ChainState(JdbcClient jdbc, ApplicationDesk applications, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.clock = clock;
    }

    /** The graph's shape changed here: the next reader rebuilds. */
    void changed() {
        changes.incrementAndGet();
    }

    /** How often the graph was built from scratch (for tests and the benchmark). */
    public long rebuilds() {
        return rebuilds.get();
    }

    public Snapshot current() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null
                || current.change() != changes.get()
                || current.builtAt().plus(MAX_AGE).isBefore(now)) {
            synchronized (this) {
                current = snapshot;
                if (current == null
                        || current.change() != changes.get()
                        || current.builtAt().plus(MAX_AGE).isBefore(now)) {
                    current = build();
                    snapshot = current;
                }
            }
        } else if (lookedAt.plus(REFRESH).isBefore(now)) {
            synchronized (this) {
                current = snapshot;
                if (current != null && lookedAt.plus(REFRESH).isBefore(now)) {
                    current = look(current);
                }
            }
        }
        return current;
    }

    /**
     * An enterprise's application moved on this instance: its standing is read again and, if it is in
     * the graph, applied there (only what depends on it is recomputed). The nodes whose answer changed.
     */
    public List<Integer> refresh(UUID enterpriseId) {
        return apply(current(), applications.standings(List.of(enterpriseId)), List.of(enterpriseId));
    }

    /** Applies standings to the graph: statuses, held, and may-run for the nodes whose may-run changed. */
    private List<Integer> apply(Snapshot current, Map<UUID, ApplicationDesk.Standing> standings, List<UUID> gone) {
        List<Integer> changed = new ArrayList<>();
        ChainGraph graph = current.graph();
        synchronized (graph) {
            for (UUID id : gone) {
                if (!standings.containsKey(id) && current.of(new Node('E', id)) != null) {
                    current.statuses().remove(id);
                    current.held().remove(id);
                    changed.addAll(graph.setMayRun(current.of(new Node('E', id)), false));
                }
            }
            for (var entry : standings.entrySet()) {
                Integer at = current.of(new Node('E', entry.getKey()));
                if (at == null) {
                    continue;
                }
                current.statuses().put(entry.getKey(), entry.getValue().status());
                if (entry.getValue().held()) {
                    current.held().add(entry.getKey());
                } else {
                    current.held().remove(entry.getKey());
                }
                changed.addAll(graph.setMayRun(at, mayRun(entry.getValue().status())));
            }
        }
        return changed;
    }

    /**
     * The periodic look: a shape changed anywhere rebuilds; otherwise the applications changed since
     * the last look (minus an overlap) are applied.
     */
    private Snapshot look(Snapshot current) {
        Instant now = clock.instant();
        if (!shape().equals(current.shape())) {
            Snapshot rebuilt = build();
            snapshot = rebuilt;
            return rebuilt;
        }
        apply(current, applications.standingsChangedSince(lookedAt.minus(OVERLAP)), List.of());
        lookedAt = now;
        return current;
    }

    /** The trees' and outside statuses' latest changes: when it differs, the graph's shape changed. */
    private String shape() {
        return jdbc.sql("""
                        select (select count(*) || '/' || coalesce(max(updated_at)::text, '') || '/'
                                       || coalesce(sum(version), 0) from supply_tree)
                            || '/' || (select count(*) || '/' || coalesce(max(status_at)::text, '') from supply_outside)""").query(String.class).single();
    }

    private Snapshot build() {
        rebuilds.incrementAndGet();
        long change = changes.get();
        Instant started = clock.instant();
        String shape = shape();
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
        Map<UUID, ApplicationStatus> statuses = new ConcurrentHashMap<>();
        Set<UUID> held = ConcurrentHashMap.newKeySet();
        applications.standings(registry).forEach((id, standing) -> {
            statuses.put(id, standing.status());
            if (standing.held()) {
                held.add(id);
            }
        });
        Map<UUID, String> outside = new HashMap<>();
        jdbc.sql("select id, status from supply_outside")
                .query((rs, n) -> outside.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        boolean[] base = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            base[i] = node.outside() ? "RUNNING".equals(outside.get(node.id())) : mayRun(statuses.get(node.id()));
        }
        lookedAt = started;
        return new Snapshot(
                new ChainGraph(nodes.size(), links, base),
                List.copyOf(nodes),
                Map.copyOf(index),
                Set.copyOf(leads),
                statuses,
                held,
                outside,
                started,
                change,
                shape);
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
