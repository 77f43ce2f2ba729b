package org.fugong.transport.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.fugong.access.CurrentActor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.PersonalDataReads;
import org.fugong.geography.Geography;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.fugong.transport.TransportFigures;
import org.fugong.transport.internal.Bureau;
import org.fugong.transport.internal.Counties;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Fleet;
import org.fugong.transport.internal.ManifestFiles;
import org.fugong.transport.internal.Planner;
import org.fugong.transport.internal.RoadDistances;
import org.fugong.transport.internal.TransportRules;
import org.fugong.transport.internal.Trips;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transport pages: the overview with its figures and flow map, the demand (register, import, name
 * workers), the fleet and the rules, the plans (start, watch, stop, explain) and the trips with their
 * manifests (pin, edit, freeze, roll call, hand-over, XLSX and PDF).
 */
@Controller
class TransportController {

    /** What a date that cannot be read is told. */
    private static final String DATE = "transport.error.date";

    private final CurrentActor currentActor;
    private final Bureau bureau;
    private final Demands demands;
    private final Fleet fleet;
    private final TransportRules rules;
    private final RoadDistances roads;
    private final Planner planner;
    private final Trips trips;
    private final ManifestFiles files;
    private final TransportFigures figures;
    private final Counties counties;
    private final Geography geography;
    private final Times times;
    private final JsonMapper json;
    private final PersonalDataReads reads;

    TransportController(
            CurrentActor currentActor,
            Bureau bureau,
            Demands demands,
            Fleet fleet,
            TransportRules rules,
            RoadDistances roads,
            Planner planner,
            Trips trips,
            ManifestFiles files,
            TransportFigures figures,
            Counties counties,
            Geography geography,
            Times times,
            JsonMapper json,
            PersonalDataReads reads) {
        this.currentActor = currentActor;
        this.bureau = bureau;
        this.demands = demands;
        this.fleet = fleet;
        this.rules = rules;
        this.roads = roads;
        this.planner = planner;
        this.trips = trips;
        this.files = files;
        this.figures = figures;
        this.counties = counties;
        this.geography = geography;
        this.times = times;
        this.json = json;
        this.reads = reads;
    }

    private Scope scope() {
        return bureau.viewer(currentActor.get(), currentActor.scope());
    }

    @ModelAttribute("planner")
    boolean planner() {
        return currentActor
                .find()
                .map(a -> bureau.plans(currentActor.scopeOf(a)))
                .orElse(false);
    }

    /** The overview: demand against planned against arrived, trips by mode, the flow map. */
    @GetMapping("/transport")
    String overview(Model model) {
        Scope scope = scope();
        Demands.Summary summary = demands.summary(scope);
        model.addAttribute("summary", summary);
        model.addAttribute("byDistrict", figures.byDistrict(scope));
        model.addAttribute("byEmployer", figures.byEmployer(scope, 15));
        model.addAttribute("tripsByMode", figures.trips(scope));
        model.addAttribute("districtNames", districtNames());
        List<Map<String, Object>> flows = new ArrayList<>();
        for (Demands.Total county : summary.byCounty()) {
            counties.find(county.key())
                    .ifPresent(c -> flows.add(Map.of(
                            "name",
                            c.fullName(),
                            "lon",
                            c.lon(),
                            "lat",
                            c.lat(),
                            "workers",
                            county.workers(),
                            "planned",
                            county.planned())));
        }
        model.addAttribute(
                "mapJson",
                json.writeValueAsString(Map.of(
                        "flows",
                        flows,
                        "city",
                        new double[] {Counties.CITY_LON, Counties.CITY_LAT},
                        "counties",
                        counties.centroids(),
                        "days",
                        summary.byDay())));
        if (planner()) {
            model.addAttribute("plans", planner.plans(scope).stream().limit(1).toList());
        }
        return "transport/overview";
    }

    private Map<String, String> districtNames() {
        Map<String, String> names = new LinkedHashMap<>();
        geography.districts().forEach(d -> names.put(d.code(), d.nameZh()));
        return names;
    }

    // --- Demand --------------------------------------------------------------------------------

    @GetMapping("/transport/demand")
    String demand(
            @RequestParam(required = false) @Nullable String province,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate day,
            Model model) {
        Scope scope = scope();
        model.addAttribute("demands", demands.list(scope, province, day, 300));
        model.addAttribute("province", province);
        model.addAttribute("day", day);
        model.addAttribute("provinces", counties.provinces());
        model.addAttribute("enterprise", currentActor.get().hasRole(Role.ENTERPRISE));
        model.addAttribute("districtNames", districtNames());
        model.addAttribute("header", String.join(",", Demands.HEADER));
        if (!model.containsAttribute("demandForm")) {
            LocalDate today = times.today();
            model.addAttribute(
                    "demandForm",
                    new Demands.NewDemand(
                            null,
                            null,
                            null,
                            today.plusDays(1).toString(),
                            today.plusDays(3).toString(),
                            null,
                            null));
        }
        if (!model.containsAttribute("importForm")) {
            model.addAttribute("importForm", new ImportForm(null));
        }
        return "transport/demand";
    }

    /** The import form has only its file; its problems show at the field {@code file}. */
    record ImportForm(@Nullable String file) {}

    @PostMapping("/transport/demand")
    String register(
            @ModelAttribute("demandForm") Demands.NewDemand form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> demands.register(currentActor.get(), scope(), form),
                        "transport.demand.registered",
                        "/transport/demand",
                        () -> demand(null, null, model));
    }

    @PostMapping("/transport/demand/import")
    String importFile(
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        ImportForm form = new ImportForm(null);
        model.addAttribute("importForm", form);
        FormStep step = new FormStep(new BeanPropertyBindingResult(form, "importForm"), model, redirect, response);
        return step.run(
                () -> {
                    int count;
                    try {
                        count = demands.importFile(
                                currentActor.get(),
                                scope(),
                                String.valueOf(file.getOriginalFilename()),
                                file.getBytes());
                    } catch (IOException e) {
                        throw InvalidInputException.of("file", "import.error.unreadable");
                    }
                    redirect.addFlashAttribute("imported", count);
                    return "redirect:/transport/demand";
                },
                () -> demand(null, null, model));
    }

    @GetMapping("/transport/demand/{id}")
    String demandOne(@PathVariable UUID id, Model model) {
        Scope scope = scope();
        Demands.Demand demand = demands.get(scope, id);
        model.addAttribute("demand", demand);
        model.addAttribute("workers", demands.workers(scope, id));
        model.addAttribute("county", counties.find(demand.originCode()).orElse(null));
        boolean own = scope.owns(demand.enterpriseId());
        model.addAttribute("own", own);
        model.addAttribute("staff", own ? demands.staffOf(currentActor.get()) : List.of());
        if (!model.containsAttribute("nameForm")) {
            model.addAttribute("nameForm", new Object());
        }
        return "transport/demand-one";
    }

    @PostMapping("/transport/demand/{id}/workers")
    String name(
            @PathVariable UUID id,
            @RequestParam(name = "person", required = false) @Nullable List<UUID> persons,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return FormStep.ofPage("nameForm", model, redirect, response)
                .run(
                        () -> demands.name(currentActor.get(), scope(), id, persons == null ? List.of() : persons),
                        "transport.demand.named",
                        "/transport/demand/" + id,
                        () -> demandOne(id, model));
    }

    /** Counties by name, code or pinyin, for the origin field. */
    @GetMapping("/transport/counties")
    String countySearch(@RequestParam(name = "originCode", defaultValue = "") String q, Model model) {
        scope();
        model.addAttribute("found", counties.search(q, 20));
        return "transport/counties :: options";
    }

    // --- Fleet and rules -----------------------------------------------------------------------

    @GetMapping("/transport/fleet")
    String fleetPage(Model model) {
        bureau.checkPlanner(scope());
        model.addAttribute("vehicles", fleet.all());
        if (!model.containsAttribute("vehicleForm")) {
            LocalDate today = times.today();
            model.addAttribute(
                    "vehicleForm",
                    new Fleet.NewVehicle(
                            "BUS",
                            null,
                            null,
                            "55",
                            "2",
                            "6",
                            today.toString(),
                            today.plusDays(30).toString(),
                            null,
                            null,
                            "1"));
        }
        model.addAttribute("rules", rules.on(times.today()));
        return "transport/fleet";
    }

    @PostMapping("/transport/fleet")
    String addVehicle(
            @ModelAttribute("vehicleForm") Fleet.NewVehicle form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> fleet.add(scope(), form),
                        "transport.fleet.added",
                        "/transport/fleet",
                        () -> fleetPage(model));
    }

    @GetMapping("/transport/rules")
    String rulesPage(Model model) {
        bureau.checkPlanner(scope());
        model.addAttribute("versions", rules.versions());
        model.addAttribute("roadPairs", roads.count());
        model.addAttribute("roadsHeader", String.join(",", RoadDistances.HEADER));
        if (!model.containsAttribute("roadsForm")) {
            model.addAttribute("roadsForm", new RoadsForm(null));
        }
        if (!model.containsAttribute("rulesForm")) {
            TransportRules.Rules current = rules.versions().get(0);
            model.addAttribute(
                    "rulesForm",
                    new RulesForm(
                            times.today().toString(),
                            current.usableShare().toPlainString(),
                            String.valueOf(current.observationRows()),
                            String.valueOf(current.seatsPerRow()),
                            current.roadFactor().toPlainString(),
                            String.valueOf(current.speedKmh()),
                            current.drivingHours().toPlainString(),
                            String.valueOf(current.pickupRadiusKm()),
                            String.valueOf(current.railThresholdKm()),
                            ""));
        }
        return "transport/rules";
    }

    /** The rules form, as typed. */
    record RulesForm(
            @Nullable String effectiveFrom,
            @Nullable String usableShare,
            @Nullable String observationRows,
            @Nullable String seatsPerRow,
            @Nullable String roadFactor,
            @Nullable String speedKmh,
            @Nullable String drivingHours,
            @Nullable String pickupRadiusKm,
            @Nullable String railThresholdKm,
            @Nullable String reason) {}

    @PostMapping("/transport/rules")
    String addRules(
            @ModelAttribute("rulesForm") RulesForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> rules.add(
                                currentActor.get(),
                                scope(),
                                TransportRules.RulesForm.parse(
                                        form.effectiveFrom(),
                                        form.usableShare(),
                                        form.observationRows(),
                                        form.seatsPerRow(),
                                        form.roadFactor(),
                                        form.speedKmh(),
                                        form.drivingHours(),
                                        form.pickupRadiusKm(),
                                        form.railThresholdKm(),
                                        form.reason())),
                        "transport.rules.added",
                        "/transport/rules",
                        () -> rulesPage(model));
    }

    /** Road distances from a file, replacing great circle × road factor where known. */
    @PostMapping("/transport/rules/roads")
    String roads(
            @RequestParam("file") MultipartFile file,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        RoadsForm form = new RoadsForm(null);
        model.addAttribute("roadsForm", form);
        return new FormStep(new BeanPropertyBindingResult(form, "roadsForm"), model, redirect, response)
                .run(
                        () -> {
                            try {
                                redirect.addFlashAttribute(
                                        "roadsLoaded",
                                        roads.load(
                                                scope(), String.valueOf(file.getOriginalFilename()), file.getBytes()));
                            } catch (IOException e) {
                                throw InvalidInputException.of("file", "import.error.unreadable");
                            }
                            return "redirect:/transport/rules";
                        },
                        () -> rulesPage(model));
    }

    /** The road distances form has only its file. */
    record RoadsForm(@Nullable String file) {}

    // --- Plans ---------------------------------------------------------------------------------

    /** The plan form: the period, as typed. */
    record PlanForm(@Nullable String periodFrom, @Nullable String periodTo) {}

    @GetMapping("/transport/plans")
    String plans(Model model) {
        Scope scope = scope();
        model.addAttribute("plans", planner.plans(scope));
        if (!model.containsAttribute("planForm")) {
            LocalDate today = times.today();
            model.addAttribute(
                    "planForm",
                    new PlanForm(today.toString(), today.plusDays(13).toString()));
        }
        return "transport/plans";
    }

    @PostMapping("/transport/plans")
    String startPlan(
            @ModelAttribute("planForm") PlanForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return new FormStep(result, model, redirect, response)
                .run(
                        () -> "redirect:/transport/plans/"
                                + planner.start(
                                        currentActor.get(),
                                        scope(),
                                        Times.parseDate(form.periodFrom(), "periodFrom", DATE),
                                        Times.parseDate(form.periodTo(), "periodTo", DATE)),
                        () -> plans(model));
    }

    @GetMapping("/transport/plans/{id}")
    String plan(@PathVariable UUID id, Model model) {
        Scope scope = scope();
        Planner.Plan plan = planner.plan(scope, id);
        model.addAttribute("plan", plan);
        model.addAttribute("progress", planner.progress(id));
        model.addAttribute("trips", trips.list(scope, id, null, 1000));
        model.addAttribute("suggestions", planner.suggestions(plan));
        model.addAttribute("byOrigin", planner.byOrigin(plan));
        if (!model.containsAttribute("planForm")) {
            model.addAttribute("planForm", new Object());
        }
        return "transport/plan";
    }

    /** The running plan's best score so far (htmx polls it while the plan solves). */
    @GetMapping("/transport/plans/{id}/progress")
    String progress(@PathVariable UUID id, Model model, HttpServletResponse response) {
        Scope scope = scope();
        Planner.Plan plan = planner.plan(scope, id);
        model.addAttribute("plan", plan);
        model.addAttribute("progress", planner.progress(id));
        if (!plan.status().equals("SOLVING")) {
            // Done: the whole page again, with the trips.
            response.setHeader("HX-Refresh", "true");
        }
        return "transport/plan :: progress";
    }

    @PostMapping("/transport/plans/{id}/stop")
    String stop(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return FormStep.ofPage("planForm", model, redirect, response)
                .run(
                        () -> planner.stop(scope(), id),
                        "transport.plan.stopped",
                        "/transport/plans/" + id,
                        () -> plan(id, model));
    }

    // --- Trips and manifests -------------------------------------------------------------------

    @GetMapping("/transport/trips")
    String tripList(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate day,
            Model model) {
        model.addAttribute("trips", trips.list(scope(), null, day, 500));
        model.addAttribute("day", day);
        return "transport/trips";
    }

    @GetMapping("/transport/trips/{id}")
    String trip(@PathVariable UUID id, Model model) {
        Trips.Manifest manifest = trips.manifest(scope(), id);
        reads.record("transport", "Manifest", id, manifest.passengers().size(), null);
        model.addAttribute("m", manifest);
        model.addAttribute("districtNames", districtNames());
        model.addAttribute("vehicles", manifest.planner() ? trips.vehiclesFor(manifest.trip()) : List.of());
        if (!model.containsAttribute("tripForm")) {
            model.addAttribute("tripForm", new Object());
        }
        return "transport/trip";
    }

    @PostMapping("/transport/trips/{id}/pin")
    String pin(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam boolean pinned,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return tripStep(
                id,
                model,
                redirect,
                response,
                () -> trips.pin(scope(), id, version, pinned),
                pinned ? "transport.trip.pinned" : "transport.trip.unpinned");
    }

    @PostMapping("/transport/trips/{id}/edit")
    String edit(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(required = false) @Nullable String driver,
            @RequestParam(required = false) @Nullable UUID vehicleId,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return tripStep(
                id,
                model,
                redirect,
                response,
                () -> trips.edit(scope(), id, version, driver, vehicleId),
                "transport.trip.edited");
    }

    @PostMapping("/transport/trips/{id}/freeze")
    String freeze(
            @PathVariable UUID id,
            @RequestParam int version,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return tripResult(
                id, model, redirect, response, "frozen", () -> trips.freeze(currentActor.get(), scope(), id, version));
    }

    @PostMapping("/transport/trips/{id}/roll-call")
    String rollCall(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(name = "boarded", required = false) @Nullable List<UUID> boarded,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return tripStep(
                id,
                model,
                redirect,
                response,
                () -> trips.rollCall(scope(), id, version, new HashSet<>(boarded == null ? List.of() : boarded)),
                "transport.trip.rollCalled");
    }

    @PostMapping("/transport/trips/{id}/arrive")
    String arrive(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(name = "symptoms", required = false) @Nullable List<UUID> symptoms,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Set<UUID> declared = new HashSet<>(symptoms == null ? List.of() : symptoms);
        return tripResult(id, model, redirect, response, "arrival", () -> trips.arrive(scope(), id, version, declared));
    }

    /** A step on a trip's page: done, back to the trip with the success message; refused, the trip again with why. */
    private String tripStep(
            UUID id,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response,
            Runnable step,
            String successKey) {
        return FormStep.ofPage("tripForm", model, redirect, response)
                .run(step, successKey, "/transport/trips/" + id, () -> trip(id, model));
    }

    /** The same for a step whose result the trip's page shows after it (under {@code name}). */
    private String tripResult(
            UUID id,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response,
            String name,
            Supplier<Object> step) {
        return FormStep.ofPage("tripForm", model, redirect, response)
                .run(
                        () -> {
                            redirect.addFlashAttribute(name, step.get());
                            return "redirect:/transport/trips/" + id;
                        },
                        () -> trip(id, model));
    }

    @GetMapping("/transport/trips/{id}/manifest.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable UUID id, @RequestParam(required = false) @Nullable String purpose) {
        Trips.Manifest manifest = trips.manifest(scope(), id);
        reads.record("transport", "ManifestXlsx", id, manifest.passengers().size(), purpose);
        return file(
                files.xlsx(manifest),
                "manifest-" + manifest.trip().number() + ".xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/transport/trips/{id}/manifest.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) @Nullable String purpose) {
        Trips.Manifest manifest = trips.manifest(scope(), id);
        reads.record("transport", "ManifestPdf", id, manifest.passengers().size(), purpose);
        return file(files.pdf(manifest), "manifest-" + manifest.trip().number() + ".pdf", MediaType.APPLICATION_PDF);
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .contentType(type)
                .body(body);
    }
}
