package org.fugong.supplychain.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.fugong.shell.Times;
import org.fugong.supplychain.internal.ChainFilings;
import org.fugong.supplychain.internal.SupplyChains;
import org.fugong.tickets.Notices;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The supply-chain pages: the leads in scope, one lead's tree with its analysis and its editing, the ranking. */
@Controller
class SupplyChainController {

    static final List<String> HEADER =
            List.of("buyer", "supplier", "outside_name", "outside_region", "part", "importance");

    private final SupplyChains chains;
    private final ChainFilings filings;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Times times;
    private final Geography geography;
    private final Notices notices;

    SupplyChainController(
            SupplyChains chains,
            ChainFilings filings,
            CurrentActor currentActor,
            MessageSource messages,
            JsonMapper json,
            Times times,
            Geography geography,
            Notices notices) {
        this.geography = geography;
        this.notices = notices;
        this.chains = chains;
        this.filings = filings;
        this.currentActor = currentActor;
        this.messages = messages;
        this.json = json;
        this.times = times;
    }

    @GetMapping("/supply-chains")
    String leads(@RequestParam(required = false) @Nullable String lead, Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        if (actor.hasRole(Role.ENTERPRISE)) {
            return "redirect:/supply-chains/" + actor.enterpriseId();
        }
        if (lead != null && !lead.isBlank()) {
            return "redirect:/supply-chains/" + chains.lead(scope, lead).id();
        }
        model.addAttribute("leads", chains.leads(scope));
        return "supplychain/leads";
    }

    @GetMapping("/supply-chains/{id}")
    String tree(@PathVariable UUID id, Model model) {
        Scope scope = currentActor.scope();
        SupplyChains.Tree tree = chains.tree(scope, id);
        Map<String, SupplyChains.NodeView> nodes = new HashMap<>();
        tree.nodes().forEach(n -> nodes.put(n.key(), n));
        model.addAttribute("tree", tree);
        model.addAttribute("nodes", nodes);
        // The unblocking set, the costliest part, comes after the page (htmx, /unblocking).
        model.addAttribute("analysis", chains.analysis(scope, id, false));
        model.addAttribute("deferred", true);
        model.addAttribute("importances", SupplyChains.Importance.values());
        model.addAttribute("officer", !currentActor.get().hasRole(Role.ENTERPRISE));
        ChainFilings.Filing filing = filings.filing(scope, id).orElse(null);
        model.addAttribute("filing", filing);
        LocalDate today = times.today();
        if (!model.containsAttribute("filingForm")) {
            model.addAttribute(
                    "filingForm",
                    new FilingForm((filing != null && !filing.plannedDate().isBefore(today)
                                    ? filing.plannedDate()
                                    : today.plusDays(1))
                            .toString()));
        }
        model.addAttribute(
                "waitingNames",
                filing == null
                        ? ""
                        : String.join(
                                "、",
                                filing.waitingDistricts().stream()
                                        .map(d -> geography
                                                .district(d)
                                                .map(x -> x.name(LocaleContextHolder.getLocale()))
                                                .orElse(d))
                                        .toList()));
        model.addAttribute("supplied", chains.supplied(scope, id));
        // The chain's own notices to the lead (the scope was checked by the tree above).
        model.addAttribute("notices", notices.recent(id, "CHAIN_", 3));
        model.addAttribute("today", today);
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> states = new LinkedHashMap<>();
        for (SupplyChains.State state : SupplyChains.State.values()) {
            states.put(state.name(), messages.getMessage("supply.state." + state.name(), null, locale));
        }
        model.addAttribute("stateNames", json.writeValueAsString(states));
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "supplychain/tree";
    }

    /** What would unblock the lead: the fragment the tree page loads after itself. */
    @GetMapping("/supply-chains/{id}/unblocking")
    String unblocking(@PathVariable UUID id, Model model) {
        model.addAttribute("analysis", chains.analysis(currentActor.scope(), id, true));
        model.addAttribute("deferred", false);
        return "supplychain/tree :: unblocking";
    }

    /** Adds one link to the tree (the tree is replaced with it added). */
    @PostMapping("/supply-chains/{id}/links")
    String add(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String buyer,
            @RequestParam(required = false) @Nullable String supplier,
            @RequestParam(required = false) @Nullable String outsideName,
            @RequestParam(required = false) @Nullable String outsideRegion,
            @RequestParam(required = false) @Nullable String part,
            @RequestParam(required = false) @Nullable String importance,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        SupplyChains.Tree tree = chains.tree(currentActor.scope(), id);
        List<SupplyChains.LinkInput> links = inputs(tree);
        links.add(new SupplyChains.LinkInput(buyer, supplier, outsideName, outsideRegion, part, importance));
        return replaced(id, () -> links, tree, model, response, redirect);
    }

    @PostMapping("/supply-chains/{id}/links/{position}/remove")
    String remove(
            @PathVariable UUID id,
            @PathVariable int position,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        SupplyChains.Tree tree = chains.tree(currentActor.scope(), id);
        List<SupplyChains.LinkInput> links = inputs(tree);
        if (position >= 0 && position < links.size()) {
            links.remove(position);
        }
        return replaced(id, () -> links, tree, model, response, redirect);
    }

    /** A CSV or XLSX file replaces the tree: checked whole, every line's problem named, nothing half saved. */
    @PostMapping("/supply-chains/{id}/import")
    String importTree(
            @PathVariable UUID id,
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        SupplyChains.Tree tree = chains.tree(currentActor.scope(), id);
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        byte[] content = file.getBytes();
        return replaced(
                id,
                () -> {
                    List<List<String>> rows =
                            TabularFile.upload(name, content, HEADER, "supply.error.header", SupplyChains.MAX_LINKS);
                    List<SupplyChains.LinkInput> links = new ArrayList<>();
                    for (List<String> row : rows.subList(1, rows.size())) {
                        links.add(new SupplyChains.LinkInput(
                                TabularFile.cell(row, 0),
                                TabularFile.cell(row, 1),
                                TabularFile.cell(row, 2),
                                TabularFile.cell(row, 3),
                                TabularFile.cell(row, 4),
                                TabularFile.cell(row, 5)));
                    }
                    return links;
                },
                tree,
                model,
                response,
                redirect);
    }

    private String replaced(
            UUID id,
            Supplier<List<SupplyChains.LinkInput>> links,
            SupplyChains.Tree tree,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            chains.replace(
                    currentActor.get(),
                    currentActor.scope(),
                    id,
                    links.get(),
                    tree.needs().stream()
                            .map(n -> new SupplyChains.NeedInput(n.kind().name(), n.text()))
                            .toList());
            redirect.addFlashAttribute("success", "supply.saved");
            return "redirect:/supply-chains/" + id;
        } catch (InvalidInputException invalid) {
            response.setStatus(422);
            model.addAttribute("problems", invalid.problems());
            return tree(id, model);
        }
    }

    /** The tree's links as inputs again (for adding or removing one). */
    private static List<SupplyChains.LinkInput> inputs(SupplyChains.Tree tree) {
        Map<String, SupplyChains.NodeView> nodes = new HashMap<>();
        tree.nodes().forEach(n -> nodes.put(n.key(), n));
        List<SupplyChains.LinkInput> links = new ArrayList<>();
        for (SupplyChains.LinkView link : tree.links()) {
            SupplyChains.NodeView buyer = nodes.get(link.buyer());
            SupplyChains.NodeView supplier = nodes.get(link.supplier());
            links.add(new SupplyChains.LinkInput(
                    buyer.key().equals(tree.lead().key()) ? "" : buyer.creditCode(),
                    supplier.outside() ? null : supplier.creditCode(),
                    supplier.outside() ? supplier.name() : null,
                    supplier.outside() ? supplier.region() : null,
                    link.part(),
                    link.importance().name()));
        }
        return links;
    }

    /** The filing form: the date the chain plans to resume, as typed. */
    record FilingForm(@Nullable String plannedDate) {}

    /** The lead files for its whole chain (四同步): applications started or linked, outside suppliers' tickets. */
    @PostMapping("/supply-chains/{id}/filing")
    String file(
            @PathVariable UUID id,
            @ModelAttribute("filingForm") FilingForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> {
                            redirect.addFlashAttribute(
                                    "filed",
                                    filings.file(
                                            currentActor.get(),
                                            currentActor.scope(),
                                            id,
                                            plannedDate(form.plannedDate())));
                            return "redirect:/supply-chains/" + id;
                        },
                        () -> tree(id, model));
    }

    @PostMapping("/supply-chains/outside/{outside}")
    String outside(
            @PathVariable UUID outside,
            @RequestParam(defaultValue = "") String status,
            @RequestParam UUID lead,
            RedirectAttributes redirect) {
        chains.recordOutside(currentActor.get(), outside, status);
        redirect.addFlashAttribute("success", "supply.outsideRecorded");
        return "redirect:/supply-chains/" + lead;
    }

    @GetMapping("/supply-chains/criticality")
    String criticality(@RequestParam(required = false) @Nullable String district, Model model) {
        Scope scope = currentActor.scope();
        String chosen = district;
        if (chosen == null && scope.districtCode() != null) {
            chosen = scope.districtCode();
        }
        model.addAttribute("district", chosen);
        model.addAttribute("ranking", chains.criticality(scope, chosen, 100));
        model.addAttribute(
                "blocked",
                chains.leads(scope).stream()
                        .filter(l -> l.state() != SupplyChains.State.RUNNING)
                        .toList());
        return "supplychain/criticality";
    }

    /** The planned date a filing typed, or null when there is none (the service says it is needed). */
    static @Nullable LocalDate plannedDate(@Nullable String text) {
        return Times.parseDate(text, "plannedDate", "supply.error.plannedDate");
    }
}
