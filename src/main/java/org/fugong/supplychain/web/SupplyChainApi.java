package org.fugong.supplychain.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.InvalidInputException;
import org.fugong.supplychain.internal.SupplyChains;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Supplier trees for systems: declare a lead's tree, read it with each node's state, its analysis, the ranking. */
@RestController
@RequestMapping("/api/supply-chains")
@Tag(name = "Supply chains", description = "Leads' supplier trees, what blocks them and which suppliers matter most")
class SupplyChainApi {

    /** A lead's tree as sent: its links and its needs. */
    record TreeJson(
            @Nullable List<SupplyChains.LinkInput> links,
            @Nullable List<SupplyChains.NeedInput> needs) {}

    private final SupplyChains chains;
    private final CurrentActor currentActor;

    SupplyChainApi(SupplyChains chains, CurrentActor currentActor) {
        this.chains = chains;
        this.currentActor = currentActor;
    }

    @PutMapping("/{leadCreditCode}")
    @Operation(
            summary = "Replace a lead's supplier tree",
            description = "All or nothing: 422 with every problem by row (links[i].field, needs[i].field). A link's"
                    + " buyer is blank for the lead or the credit code of a supplier in the tree; its supplier is a"
                    + " registry credit code, or outsideName and outsideRegion (GB/T 2260) for one outside the city.")
    SupplyChains.Tree replace(@PathVariable String leadCreditCode, @RequestBody TreeJson json) {
        Scope scope = currentActor.scope();
        EnterpriseSummary lead = chains.lead(scope, leadCreditCode);
        try {
            return chains.replace(
                    currentActor.get(),
                    scope,
                    lead.id(),
                    json.links() == null ? List.of() : json.links(),
                    json.needs() == null ? List.of() : json.needs());
        } catch (InvalidInputException invalid) {
            throw invalid.unprocessable();
        }
    }

    @GetMapping("/{leadCreditCode}")
    @Operation(summary = "A lead's tree with each node's state (running, blocked, waiting, outside)")
    SupplyChains.Tree tree(@PathVariable String leadCreditCode) {
        Scope scope = currentActor.scope();
        return chains.tree(scope, chains.lead(scope, leadCreditCode).id());
    }

    @GetMapping("/{leadCreditCode}/analysis")
    @Operation(summary = "Blocked or not, why, single points of failure, the smallest unblocking set")
    SupplyChains.Analysis analysis(@PathVariable String leadCreditCode) {
        Scope scope = currentActor.scope();
        return chains.analysis(scope, chains.lead(scope, leadCreditCode).id());
    }

    @GetMapping("/criticality")
    @Operation(summary = "Suppliers ranked by the running leads (and staff) their stop alone would block")
    List<SupplyChains.Critical> criticality(
            @RequestParam(required = false) @Nullable String district, @RequestParam(defaultValue = "50") int limit) {
        return chains.criticality(currentActor.scope(), district, Math.max(1, Math.min(limit, 500)));
    }
}
