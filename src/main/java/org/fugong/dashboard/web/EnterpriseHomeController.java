package org.fugong.dashboard.web;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.healthcode.Staff;
import org.fugong.riskmap.RiskMap;
import org.fugong.tickets.TicketFigures;
import org.fugong.visits.VisitFigures;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * An enterprise's home: where it stands — its application and how long it is valid, its
 * commissioners' light and open orders, its problems, its staff's codes, its district's colour —
 * each a link to the page behind it.
 */
@Controller
class EnterpriseHomeController {

    private final CurrentActor currentActor;
    private final EnterpriseDirectory enterprises;
    private final ApplicationDesk applications;
    private final VisitFigures visits;
    private final TicketFigures tickets;
    private final Staff staff;
    private final RiskMap riskMap;
    private final DashboardView view;

    EnterpriseHomeController(
            CurrentActor currentActor,
            EnterpriseDirectory enterprises,
            ApplicationDesk applications,
            VisitFigures visits,
            TicketFigures tickets,
            Staff staff,
            RiskMap riskMap,
            DashboardView view) {
        this.currentActor = currentActor;
        this.enterprises = enterprises;
        this.applications = applications;
        this.visits = visits;
        this.tickets = tickets;
        this.staff = staff;
        this.riskMap = riskMap;
        this.view = view;
    }

    @GetMapping("/my")
    String home(Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        UUID id = actor.enterpriseId();
        if (id == null || !scope.owns(id)) {
            throw new AccessDeniedException("Only an enterprise has this page");
        }
        EnterpriseSummary enterprise = enterprises.get(scope, id);
        List<Application> all = applications.ofEnterprise(scope, id);
        Application current = all.stream()
                .filter(Application::current)
                .findFirst()
                .orElse(all.stream()
                        .max(Comparator.comparing(Application::createdAt))
                        .orElse(null));
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("filing", current);
        model.addAttribute("today", view.today());
        model.addAttribute(
                "daysLeft",
                current == null || current.validUntil() == null
                        ? null
                        : view.today().until(current.validUntil()).getDays());
        model.addAttribute("standing", visits.standing(scope, id, enterprise.districtCode()));
        model.addAttribute("tickets", tickets.openOf(scope, id, 10));
        model.addAttribute("codes", staff.counts(actor));
        model.addAttribute("colour", riskMap.currentColour(enterprise.districtCode()));
        model.addAttribute(
                "districtName",
                view.nameZh(enterprise.districtCode()) + " · " + view.nameEn(enterprise.districtCode()));
        return "dashboard/enterprise";
    }
}
