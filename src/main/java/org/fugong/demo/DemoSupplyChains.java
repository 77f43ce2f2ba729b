package org.fugong.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.shell.Times;
import org.fugong.supplychain.SupplierTrees;
import org.springframework.stereotype.Component;

/**
 * Leads like the seed's: one with about a hundred suppliers over three tiers (some outside the
 * province), one blocked by a supplier whose approval is suspended, one with mutual supply, and one
 * whose chain filing waits in two districts.
 */
@Component
class DemoSupplyChains {

    /** Jiangbei: its queue, and its factory's application, are left to the walkthrough. */
    private static final String JIANGBEI = "330205";

    private final SupplierTrees trees;
    private final EnterpriseDirectory enterprises;
    private final DemoApplications applications;
    private final Times times;

    DemoSupplyChains(SupplierTrees trees, EnterpriseDirectory enterprises, DemoApplications applications, Times times) {
        this.trees = trees;
        this.enterprises = enterprises;
        this.applications = applications;
        this.times = times;
    }

    /**
     * Declares the trees: four approved Haishu enterprises (after the two the commissioner visits)
     * as the leads, other districts' enterprises as their suppliers (never Jiangbei's factory, whose
     * application the walkthrough files into a chain). How many links.
     */
    int load(String cityCode, List<UUID> haishu, List<UUID> others) {
        List<UUID> leads =
                applications.working(haishu).stream().skip(2).limit(4).toList();
        List<UUID> working = applications.working(others);
        List<String> approved = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (UUID id : others) {
            (working.contains(id) ? approved : waiting)
                    .add(enterprises.get(Scope.city(), id).uscc());
        }
        List<UUID> suspended = applications.whose(others, s -> s == ApplicationStatus.SUSPENDED);
        if (leads.size() < 4 || approved.size() < 40 || waiting.isEmpty()) {
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
        // A lead held back by a supplier whose approval is suspended (held).
        UUID second = leads.get(1);
        String moulds = suspended.isEmpty()
                ? waiting.get(0)
                : enterprises.get(Scope.city(), suspended.get(0)).uscc();
        links += trees.declare(
                system,
                Scope.city(),
                second,
                List.of(
                        new SupplierTrees.Link(null, moulds, null, null, "moulds", "CRITICAL"),
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
        // A lead that filed for its chain: suppliers waiting for review in two districts (not Jiangbei,
        // whose queue the walkthrough uses), and one approved.
        Map<String, List<String>> pendingByDistrict = new TreeMap<>();
        for (UUID id : applications.whose(others, ApplicationStatus::pending)) {
            EnterpriseSummary e = enterprises.get(Scope.city(), id);
            if (!e.districtCode().equals(JIANGBEI)) {
                pendingByDistrict
                        .computeIfAbsent(e.districtCode(), k -> new ArrayList<>())
                        .add(e.uscc());
            }
        }
        List<List<String>> two = pendingByDistrict.values().stream()
                .filter(l -> l.size() >= 2)
                .limit(2)
                .toList();
        if (two.size() == 2) {
            UUID fourth = leads.get(3);
            links += trees.declare(
                    system,
                    Scope.city(),
                    fourth,
                    List.of(
                            new SupplierTrees.Link(null, two.get(0).get(0), null, null, "wiring harness", "CRITICAL"),
                            new SupplierTrees.Link(null, two.get(0).get(1), null, null, "fasteners", "IMPORTANT"),
                            new SupplierTrees.Link(null, two.get(1).get(0), null, null, "seat fabric", "CRITICAL"),
                            new SupplierTrees.Link(null, two.get(1).get(1), null, null, "seat fabric", "CRITICAL"),
                            new SupplierTrees.Link(null, approved.get(8), null, null, "pallets", "MINOR")));
            trees.file(system, Scope.city(), fourth, times.today().plusDays(2));
        }
        return links;
    }
}
