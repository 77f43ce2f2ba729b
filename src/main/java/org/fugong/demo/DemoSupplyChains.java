package org.fugong.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.supplychain.SupplierTrees;
import org.springframework.stereotype.Component;

/**
 * Leads like the seed's: one with about a hundred suppliers over three tiers (some outside the
 * province), one blocked by a supplier whose application waits, one with mutual supply.
 */
@Component
class DemoSupplyChains {

    private final SupplierTrees trees;
    private final EnterpriseDirectory enterprises;
    private final DemoApplications applications;

    DemoSupplyChains(SupplierTrees trees, EnterpriseDirectory enterprises, DemoApplications applications) {
        this.trees = trees;
        this.enterprises = enterprises;
        this.applications = applications;
    }

    /**
     * Declares the trees: three approved Haishu enterprises (after the two the commissioner visits)
     * as the leads, other districts' enterprises as their suppliers. How many links.
     */
    int load(String cityCode, List<UUID> haishu, List<UUID> others) {
        List<UUID> leads =
                applications.working(haishu).stream().skip(2).limit(3).toList();
        List<UUID> working = applications.working(others);
        List<String> approved = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (UUID id : others) {
            (working.contains(id) ? approved : waiting)
                    .add(enterprises.get(Scope.city(), id).uscc());
        }
        if (leads.size() < 3 || approved.size() < 40 || waiting.isEmpty()) {
            return 0;
        }
        Actor system = Actor.system("demo", cityCode);
        int links = 0;
        // A big lead: 30 tier-one parts, each with its suppliers' own parts, and some outside the province.
        List<SupplierTrees.Link> big = new ArrayList<>();
        String[] outsideRegions = {"320582", "341122", "440306", "330782"};
        for (int p = 0; p < 30; p++) {
            String t1 = approved.get(3 + p % 30);
            big.add(new SupplierTrees.Link(null, t1, null, null, "part " + (p + 1), p < 5 ? "CRITICAL" : "IMPORTANT"));
            if (p % 3 == 0) {
                big.add(new SupplierTrees.Link(
                        null, approved.get(3 + (p + 7) % 30), null, null, "part " + (p + 1), "IMPORTANT"));
            }
            for (int q = 0; q < 2; q++) {
                String t2 = approved.get(3 + (p * 2 + q + 11) % (approved.size() - 3));
                if (!t2.equals(t1)) {
                    big.add(new SupplierTrees.Link(t1, t2, null, null, "component " + (q + 1), "IMPORTANT"));
                }
            }
            if (p % 6 == 0) {
                big.add(new SupplierTrees.Link(
                        t1,
                        null,
                        "Supplier " + (p / 6 + 1) + " outside the province",
                        outsideRegions[p / 6 % 4],
                        "raw material",
                        "MINOR"));
                // Its status is not recorded yet: a local alternative keeps the part supplied.
                big.add(new SupplierTrees.Link(t1, approved.get(33 + p / 6), null, null, "raw material", "MINOR"));
            }
        }
        links += trees.declare(system, Scope.city(), leads.get(0), big);
        // A lead held back by a supplier whose application waits.
        UUID second = leads.get(1);
        links += trees.declare(
                system,
                Scope.city(),
                second,
                List.of(
                        new SupplierTrees.Link(null, waiting.get(0), null, null, "moulds", "CRITICAL"),
                        new SupplierTrees.Link(null, approved.get(5), null, null, "packaging", "MINOR")));
        // Mutual supply: two suppliers that supply each other.
        UUID third = leads.get(2);
        links += trees.declare(
                system,
                Scope.city(),
                third,
                List.of(
                        new SupplierTrees.Link(null, approved.get(6), null, null, "castings", "CRITICAL"),
                        new SupplierTrees.Link(approved.get(6), approved.get(7), null, null, "sand cores", "IMPORTANT"),
                        new SupplierTrees.Link(approved.get(7), approved.get(6), null, null, "scrap return", "MINOR")));
        return links;
    }
}
