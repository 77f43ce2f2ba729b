package org.fugong.supplychain.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The supply graph and what can run in it, in arrays: nodes (enterprises, inside or outside the
 * city), each buyer's parts as slots, each slot's suppliers. A node can run when it may run by
 * itself and every slot has a supplier that can run; with mutual supply the answer is the greatest
 * fixpoint, found by propagating "cannot run" through a count per slot of the suppliers that still
 * can — linear in the links. Pure: no database, tested as a table. What-if questions (a supplier
 * stops, some resume) are answered by changing the graph and restoring it, so its methods take turns
 * (synchronized).
 */
public final class ChainGraph {

    /** One link as declared: the buyer needs the part and the supplier supplies it. */
    public record Link(int buyer, String part, int supplier) {}

    private final int nodes;
    private final int[] slotStart; // per node: its slots are slotStart[n] .. slotStart[n + 1]
    private final int[] slotOwner; // per slot: the buyer
    private final String[] slotPart; // per slot: the part
    private final int[]
            supplierStart; // per slot: its suppliers are suppliers[supplierStart[s] .. supplierStart[s + 1]]
    private final int[] suppliers;
    private final int[]
            buyerStart; // per node: the slots it supplies are buyerSlots[buyerStart[n] .. buyerStart[n + 1]]
    private final int[] buyerSlots;

    private final boolean[] base;
    private final boolean[] alive;
    private final int[] count;

    public ChainGraph(int nodes, List<Link> links, boolean[] base) {
        this.nodes = nodes;
        this.base = Arrays.copyOf(base, nodes);
        List<Link> sorted = new ArrayList<>(links);
        sorted.sort(
                Comparator.comparingInt(Link::buyer).thenComparing(Link::part).thenComparingInt(Link::supplier));
        // Slots: one per distinct (buyer, part); suppliers deduplicated.
        int[] owner = new int[sorted.size()];
        String[] part = new String[sorted.size()];
        int[] supStart = new int[sorted.size() + 1];
        int[] sup = new int[sorted.size()];
        int slots = 0;
        int supCount = 0;
        Link previous = null;
        for (Link link : sorted) {
            if (link.buyer() < 0 || link.buyer() >= nodes || link.supplier() < 0 || link.supplier() >= nodes) {
                throw new IllegalArgumentException("A link names a node out of range: " + link);
            }
            boolean newSlot = previous == null
                    || previous.buyer() != link.buyer()
                    || !previous.part().equals(link.part());
            if (newSlot) {
                owner[slots] = link.buyer();
                part[slots] = link.part();
                supStart[slots] = supCount;
                slots++;
            } else if (previous.supplier() == link.supplier()) {
                continue;
            }
            sup[supCount++] = link.supplier();
            previous = link;
        }
        supStart[slots] = supCount;
        this.slotOwner = Arrays.copyOf(owner, slots);
        this.slotPart = Arrays.copyOf(part, slots);
        this.supplierStart = Arrays.copyOf(supStart, slots + 1);
        this.suppliers = Arrays.copyOf(sup, supCount);
        this.slotStart = new int[nodes + 1];
        for (int s = 0; s < slots; s++) {
            slotStart[slotOwner[s] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            slotStart[n + 1] += slotStart[n];
        }
        // Reverse: for each supplier, the slots it supplies.
        this.buyerStart = new int[nodes + 1];
        for (int i = 0; i < supCount; i++) {
            buyerStart[suppliers[i] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            buyerStart[n + 1] += buyerStart[n];
        }
        this.buyerSlots = new int[supCount];
        int[] fill = Arrays.copyOf(buyerStart, nodes);
        for (int s = 0; s < slots; s++) {
            for (int i = supplierStart[s]; i < supplierStart[s + 1]; i++) {
                buyerSlots[fill[suppliers[i]]++] = s;
            }
        }
        this.alive = new boolean[nodes];
        this.count = new int[slots];
        evaluate();
    }

    public int size() {
        return nodes;
    }

    public int links() {
        return suppliers.length;
    }

    /** Whether the node supplies anyone. */
    public boolean supplies(int node) {
        return buyerStart[node + 1] > buyerStart[node];
    }

    /** Whether the node can run now. */
    public synchronized boolean canRun(int node) {
        return alive[node];
    }

    /** The parts of the node for which no supplier can run now, in order. */
    public synchronized List<String> blockedParts(int node) {
        List<String> blocked = new ArrayList<>();
        for (int s = slotStart[node]; s < slotStart[node + 1]; s++) {
            if (count[s] == 0) {
                blocked.add(slotPart[s]);
            }
        }
        return blocked;
    }

    /** Whether every part the node buys has at least one supplier that can run now. */
    public synchronized boolean partsSupplied(int node) {
        for (int s = slotStart[node]; s < slotStart[node + 1]; s++) {
            if (count[s] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the node may run by itself (its own approval, or its recorded status outside the city). */
    public synchronized boolean mayRunByItself(int node) {
        return base[node];
    }

    /** The greatest fixpoint from scratch. */
    private void evaluate() {
        System.arraycopy(base, 0, alive, 0, nodes);
        for (int s = 0; s < count.length; s++) {
            recount(s);
        }
        IntStack dying = new IntStack();
        for (int s = 0; s < count.length; s++) {
            if (count[s] == 0 && alive[slotOwner[s]]) {
                dying.push(slotOwner[s]);
            }
        }
        propagate(dying, null, null);
    }

    /** Counts again the suppliers of a slot that can run now; the count. */
    private int recount(int slot) {
        int c = 0;
        for (int i = supplierStart[slot]; i < supplierStart[slot + 1]; i++) {
            if (alive[suppliers[i]]) {
                c++;
            }
        }
        count[slot] = c;
        return c;
    }

    /**
     * Marks the stacked nodes unable to run and everything that then cannot; journals what it changed
     * (the order does not matter: the fixpoint is the same). With a region,
     * only nodes inside it are touched — enough for questions about a lead, whose answer depends on
     * nothing outside the nodes it buys from (a buyer of a node outside that region is outside it too).
     */
    private void propagate(IntStack dying, @Nullable Journal journal, @Nullable BitSet region) {
        while (!dying.isEmpty()) {
            int n = dying.pop();
            if (!alive[n]) {
                continue;
            }
            alive[n] = false;
            if (journal != null) {
                journal.died(n);
            }
            for (int i = buyerStart[n]; i < buyerStart[n + 1]; i++) {
                int slot = buyerSlots[i];
                int owner = slotOwner[slot];
                if (region != null && !region.get(owner)) {
                    continue;
                }
                count[slot]--;
                if (journal != null) {
                    journal.decremented(slot);
                }
                if (count[slot] == 0 && alive[owner]) {
                    dying.push(owner);
                }
            }
        }
    }

    /** A binary min-heap of (cost, node) packed in longs, without boxing. */
    private static final class LongHeap {
        static final long MAX_COST = Integer.MAX_VALUE;
        private long[] items = new long[256];
        private int size;

        static int node(long item) {
            return (int) (item & 0xFFFFFFFFL);
        }

        static long cost(long item) {
            return item >>> 32;
        }

        void add(long cost, int node) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            long item = (Math.min(cost, MAX_COST) << 32) | (node & 0xFFFFFFFFL);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= item) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        long poll() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }

    /** A growing stack of ints, without boxing. */
    private static final class IntStack {
        private int[] items = new int[64];
        private int size;

        void push(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        int pop() {
            return items[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        int get(int i) {
            return items[i];
        }

        void clear() {
            size = 0;
        }
    }

    /**
     * One node may now run by itself, or no longer: recomputes only what depends on it (its buyers,
     * transitively). The nodes whose answer changed.
     */
    public synchronized List<Integer> setMayRun(int node, boolean mayRun) {
        return setMayRun(List.of(node), mayRun);
    }

    /**
     * Several nodes at once. Stopping only propagates "cannot run" from them; resuming recomputes,
     * once, what depends on any of them (their buyers, transitively).
     */
    public synchronized List<Integer> setMayRun(List<Integer> changing, boolean mayRun) {
        List<Integer> flipped = new ArrayList<>();
        for (int node : changing) {
            if (base[node] != mayRun) {
                base[node] = mayRun;
                flipped.add(node);
            }
        }
        if (flipped.isEmpty()) {
            return List.of();
        }
        if (!mayRun) {
            Journal journal = new Journal();
            IntStack dying = new IntStack();
            flipped.forEach(dying::push);
            propagate(dying, journal, null);
            return journal.dead();
        }
        int[] members = buyersClosure(flipped, null).stream().toArray();
        boolean[] before = new boolean[members.length];
        for (int i = 0; i < members.length; i++) {
            before[i] = alive[members[i]];
        }
        recompute(members, null);
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            if (before[i] != alive[members[i]]) {
                changed.add(members[i]);
            }
        }
        return changed;
    }

    /**
     * Recomputes these nodes (every buyer of theirs that may change is among them): tentatively each
     * runs that may run by itself, then what cannot is taken back — inside the region when one is given.
     */
    private void recompute(int[] members, @Nullable BitSet region) {
        for (int n : members) {
            alive[n] = base[n];
        }
        IntStack dying = new IntStack();
        for (int n : members) {
            for (int slot = slotStart[n]; slot < slotStart[n + 1]; slot++) {
                if (recount(slot) == 0 && alive[n]) {
                    dying.push(n);
                }
            }
        }
        propagate(dying, null, region);
    }

    /** The node and every node that buys from it, directly or through others. */
    public synchronized BitSet ancestors(int node) {
        return buyersClosure(List.of(node), null);
    }

    /**
     * These nodes and every node that buys from any of them, directly or through others; inside the
     * region only, when one is given.
     */
    private BitSet buyersClosure(List<Integer> from, @Nullable BitSet region) {
        BitSet seen = new BitSet(nodes);
        IntStack queue = new IntStack();
        for (int node : from) {
            if ((region == null || region.get(node)) && !seen.get(node)) {
                seen.set(node);
                queue.push(node);
            }
        }
        while (!queue.isEmpty()) {
            int n = queue.pop();
            for (int i = buyerStart[n]; i < buyerStart[n + 1]; i++) {
                int buyer = slotOwner[buyerSlots[i]];
                if ((region == null || region.get(buyer)) && !seen.get(buyer)) {
                    seen.set(buyer);
                    queue.push(buyer);
                }
            }
        }
        return seen;
    }

    /** The node and every node it buys from, directly or through others. */
    public synchronized BitSet descendants(int node) {
        return below(node, false, false);
    }

    /**
     * The node and the nodes below it, reached through its parts and theirs: every part, or only the
     * parts no running supplier supplies; every supplier, or only running ones.
     */
    private BitSet below(int node, boolean onlyBlockedParts, boolean onlyRunning) {
        BitSet seen = new BitSet(nodes);
        IntStack queue = new IntStack();
        seen.set(node);
        queue.push(node);
        while (!queue.isEmpty()) {
            int n = queue.pop();
            for (int slot = slotStart[n]; slot < slotStart[n + 1]; slot++) {
                if (onlyBlockedParts && count[slot] > 0) {
                    continue;
                }
                for (int i = supplierStart[slot]; i < supplierStart[slot + 1]; i++) {
                    int supplier = suppliers[i];
                    if ((!onlyRunning || alive[supplier]) && !seen.get(supplier)) {
                        seen.set(supplier);
                        queue.push(supplier);
                    }
                }
            }
        }
        return seen;
    }

    /** The parts a node buys, in order. */
    public synchronized List<String> parts(int node) {
        List<String> parts = new ArrayList<>();
        for (int s = slotStart[node]; s < slotStart[node + 1]; s++) {
            parts.add(slotPart[s]);
        }
        return parts;
    }

    /** The suppliers of a node's part (by its index among the node's parts). */
    public synchronized int[] suppliersOf(int node, int partIndex) {
        int s = slotStart[node] + partIndex;
        return Arrays.copyOfRange(suppliers, supplierStart[s], supplierStart[s + 1]);
    }

    // ---- why a node cannot run --------------------------------------------------------------

    /** Why a node cannot run: a tree of reasons, followed down to the first supplier that is not running by itself. */
    public record Why(int node, boolean mayRunByItself, List<BlockedPart> blockedParts) {}

    /** A part no supplier of which can run, and why each cannot (null for a supplier already explained above). */
    public record BlockedPart(String part, List<Why> suppliers) {}

    /** How deep an explanation goes (a chain of blocked suppliers longer than this is cut). */
    static final int WHY_DEPTH = 12;

    /**
     * How many nodes an explanation explains at most: past them, suppliers are named without their
     * own reasons (a lead blocked through most of the city would otherwise explain the city).
     */
    static final int WHY_NODES = 60;

    /** The reasons the node cannot run, or null if it can. */
    public synchronized Why why(int node) {
        return alive[node] ? null : why(node, new BitSet(nodes), 0, new int[] {0});
    }

    private Why why(int node, BitSet explained, int depth, int[] budget) {
        explained.set(node);
        budget[0]++;
        List<BlockedPart> blocked = new ArrayList<>();
        if (base[node] && depth < WHY_DEPTH) {
            for (int s = slotStart[node]; s < slotStart[node + 1]; s++) {
                if (count[s] > 0) {
                    continue;
                }
                List<Why> reasons = new ArrayList<>();
                for (int i = supplierStart[s]; i < supplierStart[s + 1]; i++) {
                    int supplier = suppliers[i];
                    reasons.add(
                            explained.get(supplier) || budget[0] >= WHY_NODES
                                    ? new Why(supplier, base[supplier], List.of())
                                    : why(supplier, explained, depth + 1, budget));
                }
                blocked.add(new BlockedPart(slotPart[s], reasons));
            }
        }
        return new Why(node, base[node], blocked);
    }

    // ---- what-if: one node stops ----------------------------------------------------------------

    /** Undoes a simulated stop. */
    private final class Journal {
        private final IntStack died = new IntStack();
        private final IntStack decremented = new IntStack();

        void died(int n) {
            died.push(n);
        }

        void decremented(int slot) {
            decremented.push(slot);
        }

        void undo() {
            for (int i = 0; i < died.size(); i++) {
                alive[died.get(i)] = true;
            }
            for (int i = 0; i < decremented.size(); i++) {
                count[decremented.get(i)]++;
            }
        }

        void clear() {
            died.clear();
            decremented.clear();
        }

        List<Integer> dead() {
            List<Integer> dead = new ArrayList<>(died.size());
            for (int i = 0; i < died.size(); i++) {
                dead.add(died.get(i));
            }
            return dead;
        }
    }

    /** The nodes that could run now and could not if this one alone stopped (itself included). */
    public synchronized List<Integer> stopsWith(int node) {
        if (!alive[node]) {
            return List.of();
        }
        Journal journal = new Journal();
        IntStack dying = new IntStack();
        dying.push(node);
        propagate(dying, journal, null);
        List<Integer> stopped = journal.dead();
        journal.undo();
        return stopped;
    }

    /**
     * The suppliers (below the lead) whose stop alone would block the running lead. Each stop is
     * simulated inside the lead's region only and undone; a supplier that is nowhere the last running
     * supplier of a part cannot stop anyone and is passed over.
     */
    public synchronized List<Integer> singlePointsOfFailure(int lead) {
        List<Integer> points = new ArrayList<>();
        if (!alive[lead]) {
            return points;
        }
        // Only running nodes reached through running suppliers can stop the lead.
        BitSet below = below(lead, false, true);
        Journal journal = new Journal();
        IntStack dying = new IntStack();
        for (int n = below.nextSetBit(0); n >= 0; n = below.nextSetBit(n + 1)) {
            if (n == lead || !alive[n] || !lastSupplierSomewhere(n, below)) {
                continue;
            }
            dying.push(n);
            propagate(dying, journal, below);
            if (!alive[lead]) {
                points.add(n);
            }
            journal.undo();
            journal.clear();
        }
        return points;
    }

    /** Whether the node is the only running supplier of some part of a running buyer in the region. */
    private boolean lastSupplierSomewhere(int node, BitSet region) {
        for (int i = buyerStart[node]; i < buyerStart[node + 1]; i++) {
            int slot = buyerSlots[i];
            if (count[slot] == 1 && alive[slotOwner[slot]] && region.get(slotOwner[slot])) {
                return true;
            }
        }
        return false;
    }

    // ---- what would unblock a lead ----------------------------------------------------------------

    /**
     * The fewest nodes not running by themselves whose resumption would let the lead run: a cheapest
     * AND/OR derivation (each node that may not run by itself costs 1; Knuth's generalisation of
     * Dijkstra; where only mutual supply can carry the lead, every node below it that does not run),
     * then reduced until every member is needed. Empty when the lead runs; null when no resumption
     * below it can help.
     */
    public synchronized Set<Integer> unblockingSet(int lead) {
        if (alive[lead]) {
            return Set.of();
        }
        // Only what is blocked matters: a part some running supplier supplies needs no help.
        BitSet region = below(lead, true, false);
        long[] cost = new long[nodes];
        Arrays.fill(cost, Long.MAX_VALUE);
        int[] missing = new int[nodes];
        long[] partial = new long[count.length];
        int[] chosen = new int[count.length];
        Arrays.fill(partial, -1);
        boolean[] done = new boolean[nodes];
        LongHeap queue = new LongHeap();
        for (int n = region.nextSetBit(0); n >= 0; n = region.nextSetBit(n + 1)) {
            for (int slot = slotStart[n]; slot < slotStart[n + 1]; slot++) {
                if (count[slot] > 0) {
                    partial[slot] = 0; // a running supplier: nothing to resume
                    chosen[slot] = -1;
                } else {
                    missing[n]++;
                }
            }
            if (missing[n] == 0) {
                cost[n] = base[n] ? 0 : 1;
                queue.add(cost[n], n);
            }
        }
        while (!queue.isEmpty()) {
            long top = queue.poll();
            int n = LongHeap.node(top);
            if (done[n] || LongHeap.cost(top) != cost[n]) {
                continue;
            }
            done[n] = true;
            for (int i = buyerStart[n]; i < buyerStart[n + 1]; i++) {
                int slot = buyerSlots[i];
                int buyer = slotOwner[slot];
                if (!region.get(buyer) || done[buyer] || partial[slot] >= 0) {
                    continue;
                }
                partial[slot] = cost[n];
                chosen[slot] = n;
                if (--missing[buyer] == 0 && !alive[buyer]) {
                    long total = base[buyer] ? 0 : 1;
                    for (int s = slotStart[buyer]; s < slotStart[buyer + 1]; s++) {
                        total += partial[s];
                    }
                    cost[buyer] = Math.min(total, LongHeap.MAX_COST);
                    queue.add(cost[buyer], buyer);
                }
            }
        }
        Set<Integer> set = new LinkedHashSet<>();
        boolean derived = cost[lead] != Long.MAX_VALUE;
        if (derived) {
            BitSet visited = new BitSet(nodes);
            ArrayDeque<Integer> walk = new ArrayDeque<>();
            walk.add(lead);
            while (!walk.isEmpty()) {
                int n = walk.poll();
                if (visited.get(n) || alive[n]) {
                    continue;
                }
                visited.set(n);
                if (!base[n]) {
                    set.add(n);
                }
                for (int s = slotStart[n]; s < slotStart[n + 1]; s++) {
                    if (chosen[s] >= 0) {
                        walk.add(chosen[s]);
                    }
                }
            }
        } else {
            // Only mutual supply could carry the lead (no derivation ends): start from every node below
            // it that does not run by itself, and see whether that is enough.
            for (int n = region.nextSetBit(0); n >= 0; n = region.nextSetBit(n + 1)) {
                if (!base[n]) {
                    set.add(n);
                }
            }
        }
        // A derivation found by the search is well-founded (each node's suppliers were settled before
        // it), so resuming its members lets the lead run: too many to reduce one by one, it is returned
        // as found. Otherwise check on the graph itself, inside the lead's region (nothing outside it
        // can change the lead's answer), then drop every member whose absence still lets the lead
        // run; everything the check changed is restored exactly afterwards.
        if (derived && set.size() > MAX_REDUCED) {
            return set;
        }
        List<Integer> resumed = List.copyOf(set);
        Saved saved = resumeWithin(resumed, region);
        try {
            if (!alive[lead]) {
                return null;
            }
            if (resumed.size() <= MAX_REDUCED) {
                Journal journal = new Journal();
                IntStack dying = new IntStack();
                for (int member : resumed) {
                    // Without it: a simulated stop, undone if the lead needs it.
                    base[member] = false;
                    dying.push(member);
                    propagate(dying, journal, region);
                    if (alive[lead]) {
                        set.remove(member);
                    } else {
                        journal.undo();
                        base[member] = true;
                    }
                    journal.clear();
                }
            }
        } finally {
            saved.restore();
        }
        return set;
    }

    /** What a simulation inside a region changed, to put back: nodes' own and computed states, slots' counts. */
    private final class Saved {
        private final int[] members;
        private final boolean[] wasAlive;
        private final boolean[] wasBase;
        private final int[] slots;
        private final int[] counts;

        Saved(int[] members) {
            this.members = members;
            wasAlive = new boolean[members.length];
            wasBase = new boolean[members.length];
            int total = 0;
            for (int i = 0; i < members.length; i++) {
                wasAlive[i] = alive[members[i]];
                wasBase[i] = base[members[i]];
                total += slotStart[members[i] + 1] - slotStart[members[i]];
            }
            slots = new int[total];
            counts = new int[total];
            int k = 0;
            for (int n : members) {
                for (int slot = slotStart[n]; slot < slotStart[n + 1]; slot++) {
                    slots[k] = slot;
                    counts[k++] = count[slot];
                }
            }
        }

        void restore() {
            for (int i = 0; i < members.length; i++) {
                alive[members[i]] = wasAlive[i];
                base[members[i]] = wasBase[i];
            }
            for (int k = 0; k < slots.length; k++) {
                count[slots[k]] = counts[k];
            }
        }
    }

    /**
     * Lets these nodes run by themselves and recomputes, inside the region, what depends on them; the
     * state to restore. Only the nodes of the region that buy from them (transitively) can change.
     */
    private Saved resumeWithin(List<Integer> resumed, BitSet region) {
        int[] members = buyersClosure(resumed, region).stream().toArray();
        Saved saved = new Saved(members);
        for (int node : resumed) {
            base[node] = true;
        }
        recompute(members, region);
        return saved;
    }

    /** Above this many candidates the unblocking set is returned as found, not reduced one by one. */
    static final int MAX_REDUCED = 50;
}
