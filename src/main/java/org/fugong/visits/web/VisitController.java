package org.fugong.visits.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.Times;
import org.fugong.tickets.TicketCategory;
import org.fugong.visits.CommissionerAssignments;
import org.fugong.visits.VisitFigures;
import org.fugong.visits.internal.Checklists;
import org.fugong.visits.internal.ItemResult;
import org.fugong.visits.internal.LightRuleBook;
import org.fugong.visits.internal.LightRules;
import org.fugong.visits.internal.Lights;
import org.fugong.visits.internal.Orders;
import org.fugong.visits.internal.Photos;
import org.fugong.visits.internal.VisitLog;
import org.fugong.visits.internal.Worklist;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The commissioners' pages: the worklist (a commissioner's home), the visit form (phone first, also
 * offline), a visit, an enterprise's lights, visits, orders and talks with its commissioners, the
 * district's queue of overdue orders and talks to record, and the figures.
 */
@Controller
class VisitController {

    private final VisitLog visits;
    private final Worklist worklist;
    private final Lights lights;
    private final Orders orders;
    private final Checklists checklists;
    private final LightRuleBook rules;
    private final CommissionerAssignments assignments;
    private final UserAdministration users;
    private final EnterpriseDirectory enterprises;
    private final VisitFigures figures;
    private final CurrentActor currentActor;
    private final Times times;

    VisitController(
            VisitLog visits,
            Worklist worklist,
            Lights lights,
            Orders orders,
            Checklists checklists,
            LightRuleBook rules,
            CommissionerAssignments assignments,
            UserAdministration users,
            EnterpriseDirectory enterprises,
            VisitFigures figures,
            CurrentActor currentActor,
            Times times) {
        this.visits = visits;
        this.worklist = worklist;
        this.lights = lights;
        this.orders = orders;
        this.checklists = checklists;
        this.rules = rules;
        this.assignments = assignments;
        this.users = users;
        this.enterprises = enterprises;
        this.figures = figures;
        this.currentActor = currentActor;
        this.times = times;
    }

    /** A commissioner's work; an enterprise's orders and light; a district's lights, overdue orders and talks. */
    @GetMapping("/visits")
    String home(Model model) {
        Actor actor = currentActor.get();
        Scope scope = currentActor.scope();
        model.addAttribute("today", times.today());
        if (actor.hasRole(Role.COMMISSIONER)) {
            model.addAttribute("entries", worklist.of(scope, List.copyOf(scope.enterpriseIds())));
            return "visits/worklist";
        }
        if (actor.hasRole(Role.ENTERPRISE)) {
            return "redirect:/visits/enterprise/" + actor.enterpriseId();
        }
        List<Orders.Order> open = orders.list(scope, null, true, 200);
        List<Orders.Talk> talks = orders.talks(scope, null, 100);
        model.addAttribute("orders", open);
        model.addAttribute("talks", talks);
        model.addAttribute("names", names(scope, open, talks));
        model.addAttribute(
                "now", figures.figures(scope, times.today(), times.today()).now());
        return "visits/district";
    }

    private Map<UUID, String> names(Scope scope, List<Orders.Order> orderList, List<Orders.Talk> talkList) {
        Map<UUID, String> names = new LinkedHashMap<>();
        orderList.forEach(o -> names.computeIfAbsent(
                o.enterpriseId(), id -> enterprises.get(scope, id).name()));
        talkList.forEach(t -> names.computeIfAbsent(
                t.enterpriseId(), id -> enterprises.get(scope, id).name()));
        return names;
    }

    /** The visit form: one page for all the commissioner's enterprises, so that it works offline. */
    @GetMapping("/visits/record")
    String form(@RequestParam(required = false) @Nullable UUID enterprise, Model model) {
        return formPage(enterprise, null, model);
    }

    private String formPage(@Nullable UUID enterprise, @Nullable UUID corrects, Model model) {
        Actor actor = currentActor.get();
        if (!actor.hasRole(Role.COMMISSIONER)) {
            throw new AccessDeniedException("Only commissioners log visits");
        }
        Scope scope = currentActor.scope();
        List<EnterpriseSummary> mine = new ArrayList<>();
        scope.enterpriseIds().forEach(id -> mine.add(enterprises.get(scope, id)));
        mine.sort((a, b) -> a.name().compareTo(b.name()));
        model.addAttribute("enterprises", mine);
        model.addAttribute("selected", enterprise);
        model.addAttribute("corrects", corrects);
        model.addAttribute("checklist", checklists.current());
        model.addAttribute("results", ItemResult.values());
        model.addAttribute("categories", TicketCategory.values());
        model.addAttribute("visitId", UUID.randomUUID());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "visits/record";
    }

    /** The form sent with the network up (the offline path goes through the API); it always carries its photos' part. */
    @PostMapping(value = "/visits/record", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String record(
            MultipartHttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect)
            throws IOException {
        Actor actor = currentActor.get();
        UUID enterprise = VisitForms.uuid(request.getParameter("enterpriseId"));
        try {
            VisitLog.VisitInput input = VisitForms.fromForm(request, checklists.current());
            VisitLog.Recorded recorded = visits.record(actor, currentActor.scope(), input);
            redirect.addFlashAttribute("success", "visits.recorded");
            return "redirect:/visits/" + recorded.visit().id();
        } catch (InvalidInputException invalid) {
            response.setStatus(422);
            model.addAttribute("problems", invalid.problems());
            return formPage(enterprise, VisitForms.uuid(request.getParameter("corrects")), model);
        } catch (RefusedChangeException refused) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", refused.messageKey());
            return formPage(enterprise, null, model);
        }
    }

    /** A correction: the same form, saying which visit it corrects. */
    @GetMapping("/visits/{id}/correct")
    String correct(@PathVariable UUID id, Model model) {
        VisitLog.Visit visit = visits.get(currentActor.scope(), id);
        return formPage(visit.enterpriseId(), visit.id(), model);
    }

    /** The service worker that keeps the visit form and its scripts on the phone. */
    @GetMapping(value = "/visits/sw.js", produces = "text/javascript")
    @ResponseBody
    ResponseEntity<String> serviceWorker() throws IOException {
        String script = new ClassPathResource("static/js/visits-sw.js").getContentAsString(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.valueOf("text/javascript"))
                .body(script);
    }

    @GetMapping("/visits/{id}")
    String visit(@PathVariable UUID id, Model model) {
        Scope scope = currentActor.scope();
        VisitLog.Visit visit = visits.get(scope, id);
        model.addAttribute("visit", visit);
        model.addAttribute("enterprise", enterprises.get(scope, visit.enterpriseId()));
        model.addAttribute("items", visits.items(scope, id));
        model.addAttribute("problems", visits.problems(scope, id));
        model.addAttribute(
                "checklist", checklists.version(visit.checklistVersion()).byCode());
        model.addAttribute("correctedBy", visits.correctedBy(id));
        model.addAttribute("rules", rules.version(visit.ruleVersion()));
        return "visits/visit";
    }

    @GetMapping("/visits/enterprise/{id}")
    String enterprise(@PathVariable UUID id, Model model) {
        Scope scope = currentActor.scope();
        EnterpriseSummary enterprise = enterprises.get(scope, id);
        Actor actor = currentActor.get();
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("light", lights.current(id));
        model.addAttribute("visits", visits.ofEnterprise(scope, id, 30));
        model.addAttribute("orders", orders.list(scope, id, false, 100));
        model.addAttribute("talks", orders.talks(scope, id, 20));
        model.addAttribute("today", times.today());
        // The district's commissioners, read once: those assigned here, and those who could be.
        List<UserAdministration.Member> district =
                users.members(Scope.district(enterprise.districtCode()), Role.COMMISSIONER);
        List<UUID> assigned = assignments.commissionersOf(id);
        model.addAttribute(
                "commissioners",
                district.stream().filter(m -> assigned.contains(m.id())).toList());
        model.addAttribute("assigns", assigns(actor));
        model.addAttribute("candidates", district);
        return "visits/enterprise";
    }

    private static boolean assigns(Actor actor) {
        return actor.hasRole(Role.DISTRICT_OFFICIAL) || actor.hasRole(Role.CITY_OFFICIAL);
    }

    @PostMapping("/visits/enterprise/{id}/assign")
    String assign(
            @PathVariable UUID id, @RequestParam(defaultValue = "") String commissioner, RedirectAttributes redirect) {
        Actor actor = currentActor.get();
        EnterpriseSummary enterprise = checkedForAssignment(actor, id);
        var member = users.member(Scope.district(enterprise.districtCode()), commissioner, Role.COMMISSIONER);
        if (member.isEmpty()) {
            redirect.addFlashAttribute("problem", "visits.error.commissioner");
            return "redirect:/visits/enterprise/" + id;
        }
        try {
            assignments.assign(member.get().id(), id, enterprise.districtCode(), actor.getUsername());
            redirect.addFlashAttribute("success", "visits.assigned");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
        }
        return "redirect:/visits/enterprise/" + id;
    }

    @PostMapping("/visits/enterprise/{id}/unassign/{commissioner}")
    String unassign(@PathVariable UUID id, @PathVariable UUID commissioner, RedirectAttributes redirect) {
        EnterpriseSummary enterprise = checkedForAssignment(currentActor.get(), id);
        assignments.unassign(commissioner, id, enterprise.districtCode());
        redirect.addFlashAttribute("success", "visits.unassigned");
        return "redirect:/visits/enterprise/" + id;
    }

    private EnterpriseSummary checkedForAssignment(Actor actor, UUID enterprise) {
        if (!assigns(actor)) {
            throw new AccessDeniedException("Only district and city officials assign commissioners");
        }
        return enterprises.get(currentActor.scope(), enterprise);
    }

    @GetMapping("/visits/assignments")
    String assignmentsPage(Model model) {
        if (!assigns(currentActor.get())) {
            throw new AccessDeniedException("Only district and city officials assign commissioners");
        }
        if (!model.containsAttribute("lineProblems")) {
            model.addAttribute("lineProblems", List.of());
        }
        return "visits/assignments";
    }

    /** A bulk file: commissioner, credit_code, action (assign / remove); checked whole, nothing applied if a line is wrong. */
    @PostMapping("/visits/assignments")
    String importAssignments(
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        Actor actor = currentActor.get();
        if (!assigns(actor)) {
            throw new AccessDeniedException("Only district and city officials assign commissioners");
        }
        Scope scope = currentActor.scope();
        List<String> lineProblems = new ArrayList<>();
        List<CommissionerAssignments.Line> lines = new ArrayList<>();
        try {
            List<List<String>> rows = CommissionerAssignments.lines(
                    file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), file.getBytes());
            int number = 1;
            for (List<String> row : rows) {
                number++;
                var enterprise =
                        enterprises.findByUscc(row.get(1)).filter(e -> scope.permits(e.districtCode(), e.id()));
                var member = enterprise.flatMap(
                        e -> users.member(Scope.district(e.districtCode()), row.get(0), Role.COMMISSIONER));
                boolean remove = row.get(2).equals("remove");
                if (enterprise.isEmpty()) {
                    lineProblems.add(number + ":visits.import.enterprise");
                } else if (member.isEmpty()) {
                    lineProblems.add(number + ":visits.import.commissioner");
                } else if (!remove
                        && !row.get(2).equals("assign")
                        && !row.get(2).isEmpty()) {
                    lineProblems.add(number + ":visits.import.action");
                } else {
                    lines.add(new CommissionerAssignments.Line(
                            member.get().id(),
                            enterprise.get().id(),
                            enterprise.get().districtCode(),
                            remove));
                }
            }
            if (!lineProblems.isEmpty()) {
                response.setStatus(422);
                model.addAttribute("lineProblems", lineProblems);
                return "visits/assignments";
            }
            int changed = assignments.apply(lines, actor.getUsername());
            redirect.addFlashAttribute("imported", "visits.import.done");
            redirect.addFlashAttribute("changed", changed);
            return "redirect:/visits/assignments";
        } catch (InvalidInputException invalid) {
            response.setStatus(422);
            model.addAttribute("lineProblems", List.of("0:" + invalid.messageKey()));
            return "visits/assignments";
        }
    }

    @PostMapping("/visits/orders/{id}/answer")
    String answer(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "-1") long version,
            @RequestParam(required = false) @Nullable String note,
            @RequestParam(required = false) @Nullable MultipartFile photo,
            RedirectAttributes redirect)
            throws IOException {
        Orders.Order order = orders.get(currentActor.scope(), id);
        try {
            orders.answer(
                    currentActor.get(),
                    currentActor.scope(),
                    id,
                    version,
                    note,
                    photo == null || photo.isEmpty()
                            ? null
                            : new Photos.Upload(String.valueOf(photo.getOriginalFilename()), photo.getBytes()));
            redirect.addFlashAttribute("success", "visits.order.answered");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
        } catch (StaleVersionException | RefusedChangeException e) {
            redirect.addFlashAttribute(
                    "problem", e instanceof StaleVersionException ? "error.staleShown" : e.messageKey());
        }
        return "redirect:/visits/enterprise/" + order.enterpriseId();
    }

    @PostMapping("/visits/talks/{id}")
    String talk(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "-1") long version,
            @RequestParam(required = false) @Nullable LocalDate heldOn,
            @RequestParam(required = false) @Nullable String outcome,
            RedirectAttributes redirect) {
        try {
            orders.recordTalk(currentActor.get(), currentActor.scope(), id, version, heldOn, outcome);
            redirect.addFlashAttribute("success", "visits.talk.recorded");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
        } catch (StaleVersionException e) {
            redirect.addFlashAttribute("problem", "error.staleShown");
        }
        return "redirect:/visits";
    }

    @GetMapping("/visits/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable UUID id) {
        Photos.Photo photo = orders.photo(currentActor.scope(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.data());
    }

    @GetMapping("/visits/figures")
    @ReportingRead
    String figuresPage(
            @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to,
            Model model) {
        LocalDate end = to == null ? times.today() : to;
        LocalDate start = from == null || from.isAfter(end) ? end.minusDays(20) : from;
        if (start.isBefore(end.minusDays(366))) {
            start = end.minusDays(366);
        }
        model.addAttribute("figures", figures.figures(currentActor.scope(), start, end));
        return "visits/figures";
    }

    @GetMapping("/visits/rules")
    String rulesPage(Model model) {
        model.addAttribute("checklist", checklists.current());
        model.addAttribute("rules", rules.current());
        model.addAttribute("areas", Checklists.Area.values());
        model.addAttribute("edits", currentActor.get().hasRole(Role.CITY_OFFICIAL));
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "visits/rules";
    }

    /** A city official publishes a new checklist version: the rows kept, changed and added; a blank code drops a row. */
    @PostMapping("/visits/checklist")
    String publishChecklist(
            HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        List<Checklists.Item> items = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String code = request.getParameter("items[" + i + "].code");
            if (code == null) {
                break;
            }
            if (code.isBlank()) {
                continue;
            }
            Checklists.Area area;
            try {
                area = Checklists.Area.valueOf(String.valueOf(request.getParameter("items[" + i + "].area")));
            } catch (IllegalArgumentException e) {
                area = Checklists.Area.MANAGEMENT;
            }
            items.add(new Checklists.Item(
                    code.trim().toUpperCase(Locale.ROOT),
                    items.size() + 1,
                    String.valueOf(request.getParameter("items[" + i + "].textZh")),
                    String.valueOf(request.getParameter("items[" + i + "].textEn")),
                    area,
                    request.getParameter("items[" + i + "].photoRequired") != null,
                    request.getParameter("items[" + i + "].serious") != null,
                    blankToNull(request.getParameter("items[" + i + "].source"))));
        }
        return published(
                () -> checklists
                        .publish(currentActor.get(), String.valueOf(request.getParameter("name")), items)
                        .version(),
                "visits.checklist.published",
                model,
                response,
                redirect);
    }

    /** Publishes a new version (of the checklist or the rules): done, says which; refused, the page again with why. */
    private String published(
            IntSupplier publish,
            String successKey,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            int version = publish.getAsInt();
            redirect.addFlashAttribute("published", successKey);
            redirect.addFlashAttribute("version", version);
            return "redirect:/visits/rules";
        } catch (InvalidInputException invalid) {
            response.setStatus(422);
            model.addAttribute("problems", invalid.problems());
            return rulesPage(model);
        }
    }

    /** A city official publishes new light rules. */
    @PostMapping("/visits/rules")
    String publishRules(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "-1") int yellowsInARowForRed,
            @RequestParam(required = false) @Nullable String seriousFailureIsRed,
            @RequestParam(defaultValue = "-1") int seriousDeadlineDays,
            @RequestParam(defaultValue = "-1") int otherDeadlineDays,
            @RequestParam(defaultValue = "-1") int redEveryDays,
            @RequestParam(defaultValue = "-1") int yellowEveryDays,
            @RequestParam(defaultValue = "-1") int greenEveryDays,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        LightRules proposed = new LightRules(
                0,
                name,
                yellowsInARowForRed,
                seriousFailureIsRed != null,
                seriousDeadlineDays,
                otherDeadlineDays,
                redEveryDays,
                yellowEveryDays,
                greenEveryDays);
        return published(
                () -> rules.publish(currentActor.get(), proposed).version(),
                "visits.rules.published",
                model,
                response,
                redirect);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
