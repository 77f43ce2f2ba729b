package org.fugong.supplychain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule of the chains as a table: a graph written as links "buyer:part<supplier" and the nodes
 * not running by themselves; what can run, why not, single points of failure, what unblocks.
 */
class ChainGraphTests {

    /** A small graph from text, with the nodes named by letters. */
    static final class Graph {
        final Map<String, Integer> ids = new LinkedHashMap<>();
        final ChainGraph graph;

        Graph(String links, String down) {
            List<String[]> parsed = new ArrayList<>();
            for (String link : links.trim().split("\\s+")) {
                String buyer = link.substring(0, link.indexOf(':'));
                String part = link.substring(link.indexOf(':') + 1, link.indexOf('<'));
                String supplier = link.substring(link.indexOf('<') + 1);
                parsed.add(new String[] {buyer, part, supplier});
                id(buyer);
                id(supplier);
            }
            boolean[] base = new boolean[ids.size()];
            Arrays.fill(base, true);
            if (down != null && !down.isBlank()) {
                for (String n : down.trim().split("\\s+")) {
                    base[id(n)] = false;
                }
            }
            List<ChainGraph.Link> list = new ArrayList<>();
            for (String[] p : parsed) {
                list.add(new ChainGraph.Link(id(p[0]), p[1], id(p[2])));
            }
            graph = new ChainGraph(ids.size(), list, base);
        }

        int id(String name) {
            return ids.computeIfAbsent(name, n -> ids.size());
        }

        String name(int id) {
            return ids.entrySet().stream()
                    .filter(e -> e.getValue() == id)
                    .findFirst()
                    .orElseThrow()
                    .getKey();
        }

        String running() {
            return ids.keySet().stream()
                    .filter(n -> graph.canRun(ids.get(n)))
                    .sorted()
                    .collect(Collectors.joining(" "));
        }

        String names(Collection<Integer> nodes) {
            return nodes == null
                    ? "none"
                    : nodes.stream().map(this::name).sorted().collect(Collectors.joining(" "));
        }
    }

    @ParameterizedTest(name = "{0} with {1} down → {2} run")
    @CsvSource(
            delimiter = '|',
            value = {
                // links | not running by themselves | running
                "L:p<A L:p<B L:q<C | A | B C L",
                "L:p<A L:p<B L:q<C | A B | C",
                "L:p<A L:q<C | C | A",
                "L:p<S S:q<T | T | ",
                "L:p<S S:q<T S:q<U | T | L S U",
                "A:x<B B:y<A | | A B",
                "A:x<B B:y<A | B | ",
                "A:x<B B:y<A B:z<C | C | ",
                "A:x<B B:y<A B:z<C B:z<D | C | A B D",
                "L:p<A A:x<B B:y<C C:z<A | | A B C L",
                "L:p<A A:x<B B:y<C C:z<A C:w<D | D | ",
                "L:p<A L:p<X X:q<X | A | L X"
            })
    void whatCanRun(String links, String down, String running) {
        assertThat(new Graph(links, down).running()).isEqualTo(running == null ? "" : running);
    }

    @Test
    void mutualSupplyGroupsAreTheCyclesOfATreeAndNothingElse() {
        List<SupplyChains.LinkView> links = List.of(
                link("lead", "a"),
                link("lead", "b"),
                link("b", "c"),
                link("c", "d"),
                link("d", "b"),
                link("a", "e"),
                link("e", "a"),
                link("a", "f"));
        assertThat(SupplyChains.mutualSupply(links)).containsExactly(List.of("a", "e"), List.of("b", "c", "d"));
        assertThat(SupplyChains.mutualSupply(List.of(link("lead", "a"), link("a", "b"))))
                .isEmpty();
    }

    private static SupplyChains.LinkView link(String buyer, String supplier) {
        return new SupplyChains.LinkView(buyer, supplier, "part", SupplyChains.Importance.IMPORTANT);
    }

    @Test
    void whyALeadIsBlockedFollowsDownToTheFirstSupplierNotRunning() {
        Graph g = new Graph("L:p<S L:p<R L:q<Q S:x<T", "T R");
        ChainGraph.Why why = g.graph.why(g.id("L"));
        assertThat(why.mayRunByItself()).isTrue();
        assertThat(why.blockedParts()).singleElement().satisfies(part -> {
            assertThat(part.part()).isEqualTo("p");
            assertThat(part.suppliers()).extracting(w -> g.name(w.node())).containsExactlyInAnyOrder("R", "S");
            ChainGraph.Why s = part.suppliers().stream()
                    .filter(w -> w.node() == g.id("S"))
                    .findFirst()
                    .orElseThrow();
            assertThat(s.mayRunByItself()).isTrue();
            assertThat(s.blockedParts().get(0).suppliers().get(0).node()).isEqualTo(g.id("T"));
            assertThat(s.blockedParts().get(0).suppliers().get(0).mayRunByItself())
                    .isFalse();
        });
        assertThat(g.graph.why(g.id("Q"))).isNull();
        // A cycle is explained without going round it twice.
        Graph cycle = new Graph("A:x<B B:y<A B:z<C", "C");
        assertThat(cycle.graph.why(cycle.id("A"))).isNotNull();
    }

    @Test
    void singlePointsOfFailureAreTheSuppliersWhoseStopAloneBlocksTheLead() {
        Graph g = new Graph("L:p<A L:p<B L:q<C C:r<D C:r<E E:s<F L:t<G G:u<H", "");
        assertThat(g.names(g.graph.singlePointsOfFailure(g.id("L")))).isEqualTo("C G H");
        assertThat(g.names(g.graph.stopsWith(g.id("H")))).isEqualTo("G H L");
        assertThat(g.names(g.graph.stopsWith(g.id("A")))).isEqualTo("A");
        // Stopping is only simulated.
        assertThat(g.graph.canRun(g.id("L"))).isTrue();
        // A blocked lead has none.
        assertThat(new Graph("L:p<A", "A").graph.singlePointsOfFailure(0)).isEmpty();
    }

    @ParameterizedTest(name = "{0} with {1} down → resume {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Two equal alternatives: the first declared.
                "L:p<A L:p<B L:q<C | A B C | A C",
                "L:p<A L:p<B A:x<T | A B T | B",
                "L:p<A L:p<B B:x<T B:y<U | A B T U | A",
                "L:p<S S:q<T S:r<U | S T U | S T U",
                "A:x<B B:y<A B:z<C | A C | A C",
                "L:p<A | | ",
                "L:p<A | L A | A L"
            })
    void theSmallestUnblockingSet(String links, String down, String resume) {
        Graph g = new Graph(links, down);
        Set<Integer> set = g.graph.unblockingSet(g.id(links.substring(0, 1)));
        assertThat(g.names(set)).isEqualTo(resume == null ? "" : resume);
    }

    @Test
    void aChangeRecomputesOnlyWhatDependsOnItAndAgreesWithAFullRecomputation() {
        Random random = new Random(2020);
        for (int round = 0; round < 40; round++) {
            int n = 30 + random.nextInt(40);
            List<ChainGraph.Link> links = new ArrayList<>();
            for (int i = 0; i < n * 3; i++) {
                int buyer = random.nextInt(n);
                int supplier = random.nextInt(n);
                links.add(new ChainGraph.Link(buyer, "p" + random.nextInt(3), supplier));
            }
            boolean[] base = new boolean[n];
            for (int i = 0; i < n; i++) {
                base[i] = random.nextInt(5) > 0;
            }
            ChainGraph incremental = new ChainGraph(n, links, base);
            for (int step = 0; step < 20; step++) {
                int node = random.nextInt(n);
                base[node] = !base[node];
                List<Integer> changed = incremental.setMayRun(node, base[node]);
                ChainGraph fresh = new ChainGraph(n, links, base);
                for (int i = 0; i < n; i++) {
                    assertThat(incremental.canRun(i))
                            .as("round %d step %d node %d", round, step, i)
                            .isEqualTo(fresh.canRun(i));
                }
                assertThat(incremental.ancestors(node).stream().boxed().toList())
                        .containsAll(changed);
            }
        }
    }

    @Test
    void singlePointsOfFailureAndUnblockingSetsAgreeWithBruteForceAndLeaveTheGraphAsItWas() {
        Random random = new Random(2021);
        for (int round = 0; round < 60; round++) {
            int n = 20 + random.nextInt(40);
            List<ChainGraph.Link> links = new ArrayList<>();
            for (int i = 0; i < n * 3; i++) {
                links.add(new ChainGraph.Link(random.nextInt(n), "p" + random.nextInt(3), random.nextInt(n)));
            }
            boolean[] base = new boolean[n];
            for (int i = 0; i < n; i++) {
                base[i] = random.nextInt(6) > 0;
            }
            ChainGraph graph = new ChainGraph(n, links, base);
            boolean[] before = new boolean[n];
            for (int i = 0; i < n; i++) {
                before[i] = graph.canRun(i);
            }
            for (int lead = 0; lead < n; lead++) {
                // A single point of failure: a node below the running lead whose stop alone blocks it.
                List<Integer> expected = new ArrayList<>();
                if (before[lead]) {
                    BitSet below = graph.descendants(lead);
                    for (int s = below.nextSetBit(0); s >= 0; s = below.nextSetBit(s + 1)) {
                        if (s != lead && before[s]) {
                            boolean[] stopped = base.clone();
                            stopped[s] = false;
                            if (!new ChainGraph(n, links, stopped).canRun(lead)) {
                                expected.add(s);
                            }
                        }
                    }
                }
                assertThat(graph.singlePointsOfFailure(lead))
                        .as("round %d lead %d", round, lead)
                        .containsExactlyInAnyOrderElementsOf(expected);
                // An unblocking set: resuming it lets the lead run, and every member is needed.
                Set<Integer> set = graph.unblockingSet(lead);
                if (set != null && !set.isEmpty()) {
                    boolean[] resumed = base.clone();
                    set.forEach(m -> resumed[m] = true);
                    assertThat(new ChainGraph(n, links, resumed).canRun(lead))
                            .as("round %d lead %d set %s", round, lead, set)
                            .isTrue();
                    for (int member : set) {
                        boolean[] without = resumed.clone();
                        without[member] = false;
                        assertThat(new ChainGraph(n, links, without).canRun(lead))
                                .as("round %d lead %d needs %d", round, lead, member)
                                .isFalse();
                    }
                } else if (set == null) {
                    boolean[] everything = base.clone();
                    graph.descendants(lead).stream().forEach(m -> everything[m] = true);
                    assertThat(new ChainGraph(n, links, everything).canRun(lead))
                            .isFalse();
                }
                for (int i = 0; i < n; i++) {
                    assertThat(graph.canRun(i))
                            .as("round %d lead %d node %d after", round, lead, i)
                            .isEqualTo(before[i]);
                    assertThat(graph.mayRunByItself(i)).isEqualTo(base[i]);
                }
            }
        }
    }

    @Test
    void anExplanationStopsExplainingAfterItsBudgetButStillNamesEverySupplierOfABlockedPart() {
        // The lead buys one part from 1,000 suppliers, each blocked by its own supplier that may not run.
        int suppliers = 1_000;
        List<ChainGraph.Link> links = new ArrayList<>();
        boolean[] base = new boolean[1 + 2 * suppliers];
        base[0] = true;
        for (int i = 0; i < suppliers; i++) {
            links.add(new ChainGraph.Link(0, "p", 1 + i));
            links.add(new ChainGraph.Link(1 + i, "q", 1 + suppliers + i));
            base[1 + i] = true;
        }
        ChainGraph graph = new ChainGraph(base.length, links, base);
        ChainGraph.Why why = graph.why(0);
        assertThat(why.blockedParts()).hasSize(1);
        assertThat(why.blockedParts().get(0).suppliers()).hasSize(suppliers);
        assertThat(explained(why)).isLessThanOrEqualTo(ChainGraph.WHY_NODES).isGreaterThan(20);
    }

    /** How many nodes of an explanation give their own reasons. */
    private static int explained(ChainGraph.Why why) {
        int count = why.blockedParts().isEmpty() ? 0 : 1;
        for (ChainGraph.BlockedPart part : why.blockedParts()) {
            for (ChainGraph.Why supplier : part.suppliers()) {
                count += explained(supplier);
            }
        }
        return count;
    }

    @Test
    void aLargeUnblockingSetIsAWellFoundedDerivationThatLetsTheLeadRun() {
        // Sixty parts, each from its own supplier that waits for approval, and behind each a second one.
        int parts = 60;
        List<ChainGraph.Link> links = new ArrayList<>();
        boolean[] base = new boolean[1 + 2 * parts];
        base[0] = true;
        for (int p = 0; p < parts; p++) {
            links.add(new ChainGraph.Link(0, "p" + p, 1 + p));
            links.add(new ChainGraph.Link(1 + p, "q", 1 + parts + p));
        }
        ChainGraph graph = new ChainGraph(base.length, links, base);
        Set<Integer> set = graph.unblockingSet(0);
        assertThat(set).hasSize(2 * parts);
        boolean[] resumed = base.clone();
        set.forEach(m -> resumed[m] = true);
        assertThat(new ChainGraph(base.length, links, resumed).canRun(0)).isTrue();
        assertThat(graph.canRun(0)).isFalse();
    }
}
