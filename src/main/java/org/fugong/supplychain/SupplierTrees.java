package org.fugong.supplychain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.supplychain.internal.ChainFilings;
import org.fugong.supplychain.internal.SupplyChains;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Declaring a lead's supplier tree and filing for its chain from another module (the demo city): the
 * same rules as the page and the API — replaced whole, all or nothing, audited.
 */
@Service
public class SupplierTrees {

    /**
     * One link: the buyer (null: the lead; else a supplier's credit code), the supplier by credit code
     * or, outside the city, by name and region code; the part.
     */
    public record Link(
            @Nullable String buyer,
            @Nullable String supplier,
            @Nullable String outsideName,
            @Nullable String outsideRegion,
            String part,
            String importance) {}

    private final SupplyChains chains;
    private final ChainFilings filings;

    SupplierTrees(SupplyChains chains, ChainFilings filings) {
        this.chains = chains;
        this.filings = filings;
    }

    /**
     * Files for the lead's whole chain, as the tree page does: suppliers' applications started or
     * linked, coordination tickets for outside suppliers. How many suppliers in the city it reached.
     */
    public int file(Actor actor, Scope scope, UUID lead, LocalDate plannedDate) {
        ChainFilings.Result result = filings.file(actor, scope, lead, plannedDate);
        return result.started() + result.linked();
    }

    /** Replaces the lead's tree; the number of links kept. */
    public int declare(Actor actor, Scope scope, UUID lead, List<Link> links) {
        return chains.replace(
                        actor,
                        scope,
                        lead,
                        links.stream()
                                .map(l -> new SupplyChains.LinkInput(
                                        l.buyer(),
                                        l.supplier(),
                                        l.outsideName(),
                                        l.outsideRegion(),
                                        l.part(),
                                        l.importance()))
                                .toList(),
                        List.of(new SupplyChains.NeedInput(
                                "STAFF", "Workers from other provinces for the first shift")))
                .links()
                .size();
    }
}
