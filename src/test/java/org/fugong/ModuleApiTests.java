package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.NamedInterface;

/**
 * A module's API is what it exports, and nothing else: the public top-level types of its root
 * package (its unnamed interface) and of the packages it names as a second API. Everything else is
 * in its internal and web packages, out of other modules' reach (Modulith's {@code verify()}).
 * Adding a type to an API is a decision: this list changes with it.
 */
class ModuleApiTests {

    static final Map<String, Set<String>> API = new TreeMap<>(Map.ofEntries(
            Map.entry(
                    "access",
                    Set.of(
                            "Actor",
                            "AssignmentDirectory",
                            "CurrentActor",
                            "HandlingUnits",
                            "MachineAuthentication",
                            "Role",
                            "RouteAccess",
                            "Scope")),
            Map.entry("accounts", Set.of("UserAdministration")),
            Map.entry("audit", Set.of("AuditEntry", "AuditTrail", "PersonalDataReads")),
            Map.entry(
                    "database",
                    Set.of(
                            "DemoMode",
                            "EmbeddedDatabaseAutoConfiguration",
                            "EmbeddedDatabaseProperties",
                            "EmbeddedPostgresServer",
                            "ReplicaConnection")),
            Map.entry("dashboard", Set.of("Electricity")),
            Map.entry("demo", Set.of("DemoProgress")),
            Map.entry(
                    "enterprises",
                    Set.of(
                            "ContactPhone",
                            "EnterpriseCriteria",
                            "EnterpriseDirectory",
                            "EnterpriseSize",
                            "EnterpriseSummary",
                            "IndexCategory",
                            "IndustrySection",
                            "NewEnterprise",
                            "PriorityCategory",
                            "UnifiedSocialCreditCode")),
            Map.entry(
                    "enterprises::applications",
                    Set.of(
                            "Application",
                            "ApplicationDesk",
                            "ApplicationInput",
                            "ApplicationReview",
                            "ApplicationStatus",
                            "ApplicationStatusChanged",
                            "Checklist",
                            "PolicyCategory",
                            "PolicyDecision",
                            "ResumptionFigures",
                            "Review")),
            Map.entry("geography", Set.of("City", "District", "Geography", "Named", "Township")),
            Map.entry(
                    "healthcode",
                    Set.of(
                            "CodeColour",
                            "CodeFigures",
                            "CodeRules",
                            "Declarations",
                            "HealthLists",
                            "Persons",
                            "ResidentId",
                            "Staff")),
            Map.entry("riskmap", Set.of("MapUnit", "RiskColour", "RiskColourChanged", "RiskMap")),
            Map.entry("riskmap::reporting", Set.of("IndicatorRejectedException", "IndicatorRow", "RiskMapDesk")),
            Map.entry(
                    "shell",
                    Set.of(
                            "AfterCommit",
                            "Choice",
                            "Digests",
                            "FormStep",
                            "HomePage",
                            "InvalidInputException",
                            "LimitReachedException",
                            "Navigation",
                            "NavigationItem",
                            "NotFoundException",
                            "RefusedChangeException",
                            "ReportingRead",
                            "ReportingReads",
                            "TextMessages",
                            "RequestRefusedException",
                            "RunningWork",
                            "Slice",
                            "SqlText",
                            "StaleVersionException",
                            "TabularFile",
                            "Times")),
            Map.entry("supplychain", Set.of("ChainFigures", "ChainsChanged", "SupplierTrees")),
            Map.entry(
                    "tickets",
                    Set.of(
                            "CommonIssues",
                            "Notices",
                            "Ticket",
                            "TicketCategory",
                            "TicketChannel",
                            "TicketDesk",
                            "TicketFigures",
                            "TicketHandling",
                            "TicketPriority",
                            "TicketReplies",
                            "TicketStatus",
                            "TicketSweep",
                            "TicketUnits")),
            Map.entry("transport", Set.of("Charters", "TransportFigures")),
            Map.entry("visits", Set.of("CommissionerAssignments", "Light", "VisitBackfill", "VisitFigures"))));

    @Test
    void eachModuleExportsItsApiAndNothingElse() {
        Map<String, Set<String>> exported = new TreeMap<>();
        for (ApplicationModule module : ModularityTests.modules) {
            String name = module.getIdentifier().toString();
            for (NamedInterface api : module.getNamedInterfaces()) {
                exported.put(api.isUnnamed() ? name : name + "::" + api.getName(), topLevelPublic(api));
            }
        }
        assertThat(exported).isEqualTo(API);
    }

    private static Set<String> topLevelPublic(NamedInterface api) {
        List<JavaClass> classes = api.asJavaClasses().toList();
        return classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
