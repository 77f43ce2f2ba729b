package org.fugong.supplychain.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.supplychain.internal.ChainFilings;
import org.fugong.supplychain.internal.SupplyChains;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    /** A chain filing as sent: the date the chain plans to resume (ISO, today to a year ahead). */
    record FilingJson(@Nullable String plannedDate) {}

    private final SupplyChains chains;
    private final ChainFilings filings;
    private final CurrentActor currentActor;

    SupplyChainApi(SupplyChains chains, ChainFilings filings, CurrentActor currentActor) {
        this.chains = chains;
        this.filings = filings;
        this.currentActor = currentActor;
    }

    @PostMapping("/{leadCreditCode}/filing")
    @Operation(
            summary = "File for the lead's whole chain (四同步)",
            description = "Each supplier in the city gets its return-to-work application started (a draft for it to"
                    + " complete) or its open one linked, marked with the chain and first in its district's queue;"
                    + " each supplier outside the city gets a coordination ticket, once. Filing again adds what is"
                    + " new. 422 when the date is missing or out of range, or the lead declared no supplier.")
    ChainFilings.Result file(@PathVariable String leadCreditCode, @RequestBody FilingJson json) {
        Scope scope = currentActor.scope();
        EnterpriseSummary lead = chains.lead(scope, leadCreditCode);
        try {
            return filings.file(
                    currentActor.get(), scope, lead.id(), SupplyChainController.plannedDate(json.plannedDate()));
        } catch (InvalidInputException invalid) {
            throw invalid.unprocessable();
        }
    }

    @GetMapping("/{leadCreditCode}/filing")
    @Operation(summary = "The lead's chain filing: each supplier's application status (never its contents) or ticket")
    ChainFilings.Filing filing(@PathVariable String leadCreditCode) {
        Scope scope = currentActor.scope();
        EnterpriseSummary lead = chains.lead(scope, leadCreditCode);
        return filings.filing(scope, lead.id()).orElseThrow(() -> new NotFoundException("filing", leadCreditCode));
    }

    @GetMapping("/supplied/{supplierCreditCode}")
    @Operation(summary = "The leads whose chains this enterprise supplies, and how each stands")
    List<SupplyChains.Supplied> supplied(@PathVariable String supplierCreditCode) {
        Scope scope = currentActor.scope();
        return chains.supplied(scope, chains.lead(scope, supplierCreditCode).id());
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
