package org.fugong.supplychain.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.geography.Geography;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads' supplier trees: declared (replaced whole, all or nothing, every problem named), read with
 * each node's state, analysed (blocked or not and why, single points of failure, the smallest
 * unblocking set), and the suppliers ranked by what their stop alone would block.
 */
@Service
public class SupplyChains {

    public static final int MAX_LINKS = 5000;
    public static final int MAX_NEEDS = 50;

    public enum Importance {
        CRITICAL,
        IMPORTANT,
        MINOR
    }

    public enum NeedKind {
        PARTS,
        STAFF,
        LOGISTICS,
        CROSS_DISTRICT
    }

    /**
     * One link as declared: the buyer (blank: the lead; else a credit code of a supplier in the tree)
     * buys the part from a registry enterprise (credit code) or an outside supplier (name and region).
     */
    public record LinkInput(
            @Nullable String buyer,
            @Nullable String supplier,
            @Nullable String outsideName,
            @Nullable String outsideRegion,
            @Nullable String part,
            @Nullable String importance) {}

    public record NeedInput(@Nullable String kind, @Nullable String text) {}

    /** A node as a page or the API shows it. */
    public record NodeView(
            String key,
            boolean outside,
            String name,
            @Nullable String creditCode,
            @Nullable String region,
            @Nullable String districtCode,
            State state,
            @Nullable String applicationStatus,
            int staff) {}

    /**
     * How a node stands: it can run; it may but a part blocks it; it waits for its approval; its
     * application is held (by its district's colour) or suspended; outside, by its recorded status.
     */
    public enum State {
        RUNNING,
        BLOCKED,
        WAITING,
        HELD,
        OUTSIDE_RUNNING,
        OUTSIDE_NOT_RUNNING,
        OUTSIDE_UNKNOWN
    }

    public record LinkView(String buyer, String supplier, String part, Importance importance) {}

    public record Need(NeedKind kind, String text) {}

    /**
     * A lead's tree: its nodes with their states, its links, its needs, its version, and the groups of
     * its enterprises that supply each other (mutual supply: they can run together), by node key.
     */
    public record Tree(
            NodeView lead,
            List<NodeView> nodes,
            List<LinkView> links,
            List<Need> needs,
            long version,
            List<List<String>> mutualSupply) {}

    /** Why something cannot run: the node, and for each blocked part, its suppliers and why each cannot. */
    public record Reason(NodeView node, List<BlockedPart> blockedParts) {}

    public record BlockedPart(String part, List<Reason> suppliers) {}

    public record Analysis(
            NodeView lead,
            boolean leadApproved,
            boolean blocked,
            @Nullable Reason why,
            List<NodeView> singlePointsOfFailure,
            @Nullable List<NodeView> unblockingSet) {}

    /** A lead an enterprise supplies (directly or in a lower tier): how the lead stands, what it supplies there. */
    public record Supplied(NodeView lead, NodeView supplier, List<String> parts) {}

    /** A supplier and what its stop alone would block: leads, and their staff. */
    public record Critical(NodeView supplier, int leadsBlocked, long staffBlocked, List<String> leads) {}

    private final JdbcClient jdbc;
    private final ChainState state;
    private final EnterpriseDirectory enterprises;
    private final Geography geography;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SupplyChains(
            JdbcClient jdbc,
            ChainState state,
            EnterpriseDirectory enterprises,
            Geography geography,
            AuditTrail audit,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.state = state;
        this.enterprises = enterprises;
        this.geography = geography;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who declares a lead's tree: the lead itself, its district, the city. */
    static void checkDeclares(Actor actor, Scope scope, EnterpriseSummary lead) {
        scope.check(lead.districtCode(), lead.id());
        if (!(actor.hasRole(Role.ENTERPRISE)
                || actor.hasRole(Role.DISTRICT_OFFICIAL)
                || actor.hasRole(Role.CITY_OFFICIAL))) {
            throw new AccessDeniedException("Only the lead, its district and the city declare a supplier tree");
        }
    }

    /** The lead by its credit code, if the scope may see it. */
    public EnterpriseSummary lead(Scope scope, String creditCode) {
        EnterpriseSummary lead = enterprises
                .findByUscc(creditCode.trim().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("enterprise", creditCode));
        return enterprises.get(scope, lead.id());
    }

    /** Replaces the lead's tree and needs, all or nothing; every problem named by its row. */
    @Transactional
    public Tree replace(Actor actor, Scope scope, UUID leadId, List<LinkInput> links, List<NeedInput> needs) {
        EnterpriseSummary lead = enterprises.get(scope, leadId);
        checkDeclares(actor, scope, lead);
        Map<String, String> problems = new LinkedHashMap<>();
        if (links.size() > MAX_LINKS) {
            problems.put("links", "supply.error.tooManyLinks");
        }
        if (needs.size() > MAX_NEEDS) {
            problems.put("needs", "supply.error.tooManyNeeds");
        }
        String cityPrefix = geography.city().code().substring(0, 4);
        // The registry suppliers named in the tree, so that a buyer below the lead is one of them.
        Map<String, EnterpriseSummary> registry = new HashMap<>();
        for (LinkInput link : links) {
            String code = upper(link.supplier());
            if (!code.isEmpty() && !registry.containsKey(code)) {
                enterprises.findByUscc(code).ifPresent(e -> registry.put(code, e));
            }
        }
        record Resolved(ChainState.Node buyer, ChainState.Node supplier, String part, Importance importance) {}
        List<Resolved> resolved = new ArrayList<>();
        Map<String, UUID> outsideIds = new HashMap<>();
        for (int i = 0; i < Math.min(links.size(), MAX_LINKS); i++) {
            LinkInput link = links.get(i);
            String row = "links[" + i + "].";
            ChainState.Node buyer = new ChainState.Node('E', lead.id());
            String buyerCode = upper(link.buyer());
            if (!buyerCode.isEmpty() && !buyerCode.equals(lead.uscc())) {
                EnterpriseSummary b = registry.get(buyerCode);
                if (b == null) {
                    problems.put(row + "buyer", "supply.error.buyer");
                } else {
                    buyer = new ChainState.Node('E', b.id());
                }
            }
            ChainState.Node supplier = null;
            String supplierCode = upper(link.supplier());
            String name = link.outsideName() == null ? "" : link.outsideName().trim();
            String region =
                    link.outsideRegion() == null ? "" : link.outsideRegion().trim();
            if (!supplierCode.isEmpty()) {
                EnterpriseSummary s = registry.get(supplierCode);
                if (s == null) {
                    problems.put(row + "supplier", "supply.error.supplierUnknown");
                } else {
                    supplier = new ChainState.Node('E', s.id());
                }
            } else if (!name.isEmpty()) {
                if (name.length() > 200) {
                    problems.put(row + "outsideName", "supply.error.outsideName");
                } else if (!region.matches("[1-8][0-9]{5}")) {
                    problems.put(row + "outsideRegion", "supply.error.region");
                } else if (region.startsWith(cityPrefix)) {
                    problems.put(row + "outsideRegion", "supply.error.regionInside");
                } else {
                    supplier = new ChainState.Node(
                            'X', outsideIds.computeIfAbsent(name + "@" + region, k -> outside(name, region)));
                }
            } else {
                problems.put(row + "supplier", "supply.error.supplier");
            }
            if (supplier != null && supplier.equals(buyer)) {
                problems.put(row + "supplier", "supply.error.self");
            }
            String part = link.part() == null ? "" : link.part().trim();
            if (part.isEmpty() || part.length() > 100) {
                problems.put(row + "part", "supply.error.part");
            }
            Importance importance = Importance.IMPORTANT;
            if (link.importance() != null && !link.importance().isBlank()) {
                try {
                    importance = Importance.valueOf(upper(link.importance()));
                } catch (IllegalArgumentException e) {
                    problems.put(row + "importance", "supply.error.importance");
                }
            }
            if (supplier != null) {
                resolved.add(new Resolved(buyer, supplier, part, importance));
            }
        }
        List<Need> parsedNeeds = new ArrayList<>();
        for (int i = 0; i < Math.min(needs.size(), MAX_NEEDS); i++) {
            NeedInput need = needs.get(i);
            NeedKind kind = null;
            try {
                kind = NeedKind.valueOf(upper(need.kind()));
            } catch (IllegalArgumentException e) {
                problems.put("needs[" + i + "].kind", "supply.error.needKind");
            }
            String text = need.text() == null ? "" : need.text().trim();
            if (text.isEmpty() || text.length() > 1000) {
                problems.put("needs[" + i + "].text", "supply.error.needText");
            }
            if (kind != null) {
                parsedNeeds.add(new Need(kind, text));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long before = jdbc.sql("select count(*) from supply_link where lead_id = ?")
                .param(lead.id())
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into supply_tree (lead_id, district_code, version, updated_at, updated_by)
                        values (?, ?, 1, ?, ?)
                        on conflict (lead_id) do update set version = supply_tree.version + 1,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(lead.id(), lead.districtCode(), Timestamp.from(clock.instant()), actor.displayName())
                .update();
        jdbc.sql("delete from supply_link where lead_id = ?").param(lead.id()).update();
        jdbc.sql("delete from supply_need where lead_id = ?").param(lead.id()).update();
        int position = 0;
        for (Resolved link : resolved) {
            jdbc.sql("""
                            insert into supply_link (lead_id, position, buyer_kind, buyer_id, supplier_kind, supplier_id,
                                                     part, importance)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            lead.id(),
                            position++,
                            String.valueOf(link.buyer().kind()),
                            link.buyer().id(),
                            String.valueOf(link.supplier().kind()),
                            link.supplier().id(),
                            link.part(),
                            link.importance().name())
                    .update();
        }
        position = 0;
        for (Need need : parsedNeeds) {
            jdbc.sql("insert into supply_need (lead_id, position, kind, text) values (?, ?, ?, ?)")
                    .params(lead.id(), position++, need.kind().name(), need.text())
                    .update();
        }
        audit.record(AuditEntry.of("supplychain", "SupplyTree", lead.id(), "SUPPLY_TREE_REPLACED")
                .change(Map.of("links", before), Map.of("links", resolved.size(), "needs", parsedNeeds.size()))
                .owner(lead.districtCode(), lead.id()));
        state.changed();
        events.publishEvent(new ChainWatch.Touched());
        return tree(scope, lead.id());
    }

    private UUID outside(String name, String region) {
        return jdbc.sql("""
                        insert into supply_outside (id, name, region_code) values (?, ?, ?)
                        on conflict (name, region_code) do update set name = excluded.name
                        returning id""")
                .params(UUID.randomUUID(), name, region)
                .query(UUID.class)
                .single();
    }

    /** The coordinating official records whether an outside supplier is running. */
    @Transactional
    public void recordOutside(Actor actor, UUID outsideId, String status) {
        if (!actor.hasRole(Role.DISTRICT_OFFICIAL) && !actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only officials record the status of outside suppliers");
        }
        if (!Set.of("RUNNING", "NOT_RUNNING", "UNKNOWN").contains(status)) {
            throw InvalidInputException.of("status", "supply.error.status");
        }
        int changed = jdbc.sql("update supply_outside set status = ?, status_by = ?, status_at = ? where id = ?")
                .params(status, actor.displayName(), Timestamp.from(clock.instant()), outsideId)
                .update();
        if (changed == 0) {
            throw new NotFoundException("outside supplier", outsideId);
        }
        audit.record(AuditEntry.of("supplychain", "OutsideSupplier", outsideId, "OUTSIDE_STATUS_RECORDED")
                .change(null, Map.of("status", status)));
        state.changed();
        events.publishEvent(new ChainWatch.Touched());
    }

    /** The lead's tree with each node's state; empty if it declared none. */
    @Transactional(readOnly = true)
    public Tree tree(Scope scope, UUID leadId) {
        EnterpriseSummary lead = enterprises.get(scope, leadId);
        ChainState.Snapshot snapshot = state.current();
        Views views = new Views(snapshot);
        List<LinkView> links = new ArrayList<>();
        Map<String, NodeView> nodes = new LinkedHashMap<>();
        NodeView leadView = views.of(new ChainState.Node('E', lead.id()));
        nodes.put(leadView.key(), leadView);
        record Row(ChainState.Node buyer, ChainState.Node supplier, String part, Importance importance) {}
        List<Row> rows = jdbc.sql("""
                        select buyer_kind, buyer_id, supplier_kind, supplier_id, part, importance from supply_link
                        where lead_id = ? order by position""")
                .param(lead.id())
                .query((rs, n) -> new Row(
                        new ChainState.Node(rs.getString(1).charAt(0), rs.getObject(2, UUID.class)),
                        new ChainState.Node(rs.getString(3).charAt(0), rs.getObject(4, UUID.class)),
                        rs.getString(5),
                        Importance.valueOf(rs.getString(6))))
                .list();
        views.preload(rows.stream()
                .flatMap(r -> Stream.of(r.buyer(), r.supplier()))
                .filter(node -> !node.outside())
                .map(ChainState.Node::id)
                .toList());
        for (Row row : rows) {
            NodeView buyer = views.of(row.buyer());
            NodeView supplier = views.of(row.supplier());
            nodes.putIfAbsent(buyer.key(), buyer);
            nodes.putIfAbsent(supplier.key(), supplier);
            links.add(new LinkView(buyer.key(), supplier.key(), row.part(), row.importance()));
        }
        List<Need> needs = jdbc.sql("select kind, text from supply_need where lead_id = ? order by position")
                .param(lead.id())
                .query((rs, n) -> new Need(NeedKind.valueOf(rs.getString(1)), rs.getString(2)))
                .list();
        long version = jdbc.sql("select version from supply_tree where lead_id = ?")
                .param(lead.id())
                .query(Long.class)
                .optional()
                .orElse(0L);
        return new Tree(leadView, List.copyOf(nodes.values()), links, needs, version, mutualSupply(links));
    }

    /**
     * The groups of nodes that supply each other, directly or round a cycle: the strongly connected
     * components of more than one node (JGraphT's Gabow), each in the order its nodes first appear.
     */
    static List<List<String>> mutualSupply(List<LinkView> links) {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (LinkView link : links) {
            graph.addVertex(link.buyer());
            graph.addVertex(link.supplier());
            if (!link.buyer().equals(link.supplier())) {
                graph.addEdge(link.buyer(), link.supplier());
            }
        }
        List<String> order = new ArrayList<>(graph.vertexSet());
        return new GabowStrongConnectivityInspector<>(graph)
                .stronglyConnectedSets().stream()
                        .filter(group -> group.size() > 1)
                        .map(group -> order.stream().filter(group::contains).toList())
                        .sorted(Comparator.comparing((List<String> group) -> order.indexOf(group.get(0))))
                        .toList();
    }

    /**
     * Blocked or not, why, the single points of failure and the smallest unblocking set of a lead.
     * Blocked speaks of the chain: a lead whose own application is not approved yet is judged as if
     * it were (simulated on the graph and undone), and {@code leadApproved} says whether it is.
     */
    @Transactional(readOnly = true)
    public Analysis analysis(Scope scope, UUID leadId) {
        return analysis(scope, leadId, true);
    }

    /**
     * The same, the smallest unblocking set left out (null) unless asked for: the costliest part of
     * the analysis, which a page loads after itself.
     */
    @Transactional(readOnly = true)
    public Analysis analysis(Scope scope, UUID leadId, boolean withUnblockingSet) {
        EnterpriseSummary lead = enterprises.get(scope, leadId);
        ChainState.Snapshot snapshot = state.current();
        Views views = new Views(snapshot);
        ChainState.Node node = new ChainState.Node('E', lead.id());
        Integer at = snapshot.of(node);
        boolean approved = ChainState.mayRun(snapshot.statuses().get(lead.id()));
        if (at == null) {
            return new Analysis(views.of(node), approved, false, null, List.of(), null);
        }
        ChainGraph graph = snapshot.graph();
        ChainGraph.Why why;
        Set<Integer> unblocking;
        List<Integer> points;
        boolean blocked;
        synchronized (graph) {
            boolean simulated = !graph.mayRunByItself(at);
            if (simulated) {
                graph.setMayRun(at, true);
            }
            try {
                blocked = !graph.canRun(at);
                why = graph.why(at);
                unblocking = withUnblockingSet ? graph.unblockingSet(at) : null;
                points = graph.singlePointsOfFailure(at);
            } finally {
                if (simulated) {
                    graph.setMayRun(at, false);
                }
            }
        }
        List<UUID> named = new ArrayList<>();
        if (why != null) {
            named(why, snapshot, named);
        }
        points.forEach(i -> named.add(snapshot.nodes().get(i).id()));
        if (unblocking != null) {
            unblocking.forEach(i -> named.add(snapshot.nodes().get(i).id()));
        }
        views.preload(named);
        return new Analysis(
                views.of(node),
                approved,
                blocked,
                why == null ? null : reason(why, views, snapshot),
                points.stream().map(i -> views.of(snapshot.nodes().get(i))).toList(),
                unblocking == null
                        ? null
                        : unblocking.stream()
                                .map(i -> views.of(snapshot.nodes().get(i)))
                                .toList());
    }

    /** Every node an explanation names, to read them at once. */
    private static void named(ChainGraph.Why why, ChainState.Snapshot snapshot, List<UUID> into) {
        into.add(snapshot.nodes().get(why.node()).id());
        why.blockedParts().forEach(p -> p.suppliers().forEach(w -> named(w, snapshot, into)));
    }

    private Reason reason(ChainGraph.Why why, Views views, ChainState.Snapshot snapshot) {
        return new Reason(
                views.of(snapshot.nodes().get(why.node())),
                why.blockedParts().stream()
                        .map(p -> new BlockedPart(
                                p.part(),
                                p.suppliers().stream()
                                        .map(w -> reason(w, views, snapshot))
                                        .toList()))
                        .toList());
    }

    /**
     * Suppliers ranked by the running leads (and their staff) their stop alone would block; only
     * suppliers of the district when one is given, and only leads the scope may see.
     */
    @Transactional(readOnly = true)
    public List<Critical> criticality(Scope scope, @Nullable String district, int limit) {
        if (district != null && !scope.permitsDistrict(district)) {
            throw new AccessDeniedException("Another district's ranking");
        }
        ChainState.Snapshot snapshot = state.current();
        ChainGraph graph = snapshot.graph();
        Views views = new Views(snapshot);
        // Every supplier in the city and every lead, named in one query.
        List<UUID> named = new ArrayList<>();
        for (int n = 0; n < graph.size(); n++) {
            ChainState.Node node = snapshot.nodes().get(n);
            if (!node.outside() && (graph.supplies(n) || snapshot.leads().contains(n))) {
                named.add(node.id());
            }
        }
        views.preload(named);
        Map<Integer, EnterpriseSummary> leads = new HashMap<>();
        for (int lead : snapshot.leads()) {
            EnterpriseSummary e = views.enterprise(snapshot.nodes().get(lead).id());
            if (e != null && scope.permits(e.districtCode(), e.id())) {
                leads.put(lead, e);
            }
        }
        List<Critical> ranking = new ArrayList<>();
        for (int n = 0; n < graph.size(); n++) {
            if (!graph.supplies(n)) {
                continue;
            }
            ChainState.Node node = snapshot.nodes().get(n);
            if (district != null && (node.outside() || !district.equals(views.district(node.id())))) {
                continue;
            }
            List<Integer> stopped = graph.stopsWith(n);
            int count = 0;
            long staff = 0;
            List<String> names = new ArrayList<>();
            for (int s : stopped) {
                EnterpriseSummary lead = leads.get(s);
                if (lead != null && s != n) {
                    count++;
                    staff += lead.staffCount();
                    names.add(lead.name());
                }
            }
            if (count > 0) {
                ranking.add(new Critical(views.of(node), count, staff, names));
            }
        }
        ranking.sort(Comparator.comparingInt(Critical::leadsBlocked)
                .thenComparingLong(Critical::staffBlocked)
                .reversed()
                .thenComparing(c -> c.supplier().name()));
        return ranking.size() > limit ? List.copyOf(ranking.subList(0, limit)) : ranking;
    }

    /**
     * The leads whose trees name this enterprise as a supplier, with how each stands: what a supplier
     * sees of its chains (the leads' states, never the other suppliers' applications).
     */
    @Transactional(readOnly = true)
    public List<Supplied> supplied(Scope scope, UUID supplierId) {
        EnterpriseSummary supplier = enterprises.get(scope, supplierId);
        Map<UUID, List<String>> parts = new LinkedHashMap<>();
        jdbc.sql("""
                        select lead_id, part from supply_link where supplier_kind = 'E' and supplier_id = ?
                        order by lead_id, position""")
                .param(supplier.id())
                .query((rs, n) -> parts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        if (parts.isEmpty()) {
            return List.of();
        }
        Views views = new Views(state.current());
        List<UUID> named = new ArrayList<>(parts.keySet());
        named.add(supplier.id());
        views.preload(named);
        NodeView self = views.of(new ChainState.Node('E', supplier.id()));
        return parts.entrySet().stream()
                .map(e -> new Supplied(
                        views.of(new ChainState.Node('E', e.getKey())),
                        self,
                        e.getValue().stream().distinct().toList()))
                .sorted(Comparator.comparing((Supplied s) -> s.lead().name()))
                .toList();
    }

    /** The leads in scope with whether each can run. */
    @Transactional(readOnly = true)
    public List<NodeView> leads(Scope scope) {
        ChainState.Snapshot snapshot = state.current();
        Views views = new Views(snapshot);
        views.preload(snapshot.leads().stream()
                .map(lead -> snapshot.nodes().get(lead).id())
                .toList());
        List<NodeView> leads = new ArrayList<>();
        for (int lead : snapshot.leads()) {
            EnterpriseSummary e = views.enterprise(snapshot.nodes().get(lead).id());
            if (e != null && scope.permits(e.districtCode(), e.id())) {
                leads.add(views.of(snapshot.nodes().get(lead)));
            }
        }
        leads.sort(
                Comparator.comparing((NodeView v) -> v.state() == State.RUNNING).thenComparing(NodeView::name));
        return leads;
    }

    /** Names and states of nodes, read once each. */
    private final class Views {
        private final ChainState.Snapshot snapshot;
        private final Map<UUID, Optional<EnterpriseSummary>> registry = new HashMap<>();
        private @Nullable Map<UUID, String[]> outside;

        Views(ChainState.Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** Reads these enterprises in one query, so that naming many nodes costs one round trip. */
        Views preload(Collection<UUID> ids) {
            List<UUID> missing = ids.stream()
                    .filter(id -> !registry.containsKey(id))
                    .distinct()
                    .toList();
            Map<UUID, EnterpriseSummary> found = enterprises.getAll(missing);
            for (UUID id : missing) {
                registry.put(id, Optional.ofNullable(found.get(id)));
            }
            return this;
        }

        @Nullable EnterpriseSummary enterprise(UUID id) {
            if (!registry.containsKey(id)) {
                preload(List.of(id));
            }
            return registry.get(id).orElse(null);
        }

        @Nullable String district(UUID id) {
            EnterpriseSummary e = enterprise(id);
            return e == null ? null : e.districtCode();
        }

        NodeView of(ChainState.Node node) {
            Integer at = snapshot.of(node);
            ChainGraph graph = snapshot.graph();
            if (node.outside()) {
                if (outside == null) {
                    Map<UUID, String[]> all = new HashMap<>();
                    jdbc.sql("select id, name, region_code, status from supply_outside")
                            .query((rs, n) -> all.put(
                                    rs.getObject(1, UUID.class),
                                    new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}))
                            .list();
                    outside = all;
                }
                String[] row = outside.getOrDefault(node.id(), new String[] {"?", "", "UNKNOWN"});
                State state = switch (row[2]) {
                    case "RUNNING" -> at != null && !graph.canRun(at) ? State.BLOCKED : State.OUTSIDE_RUNNING;
                    case "NOT_RUNNING" -> State.OUTSIDE_NOT_RUNNING;
                    default -> State.OUTSIDE_UNKNOWN;
                };
                return new NodeView("X:" + node.id(), true, row[0], null, row[1], null, state, row[2], 0);
            }
            EnterpriseSummary e = enterprise(node.id());
            ApplicationStatus status = snapshot.statuses().get(node.id());
            State state;
            if (at != null && graph.canRun(at)) {
                state = State.RUNNING;
            } else if (ChainState.mayRun(status)) {
                state = State.BLOCKED;
            } else if (snapshot.held().contains(node.id())) {
                state = State.HELD;
            } else {
                state = State.WAITING;
            }
            return new NodeView(
                    "E:" + node.id(),
                    false,
                    e == null ? node.id().toString() : e.name(),
                    e == null ? null : e.uscc(),
                    null,
                    e == null ? null : e.districtCode(),
                    state,
                    status == null ? null : status.name(),
                    e == null ? 0 : e.staffCount());
        }
    }

    private static String upper(@Nullable String text) {
        return text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    }
}
