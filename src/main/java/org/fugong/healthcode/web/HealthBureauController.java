package org.fugong.healthcode.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.audit.PersonalDataReads;
import org.fugong.healthcode.CodeRules;
import org.fugong.healthcode.HealthLists;
import org.fugong.healthcode.internal.Corrections;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthRules;
import org.fugong.healthcode.internal.PhoneChanges;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The health bureau's desk: import the lists of confirmed, suspected and close-contact persons
 * (CSV or XLSX upload, or the JSON API), all or nothing; see the scans per gate and colour.
 */
@Controller
class HealthBureauController {

    static final List<String> COLUMNS = List.of("id_number", "kind", "listed_on");

    private final HealthLists lists;
    private final GateScans scans;
    private final CurrentActor currentActor;
    private final PhoneChanges phoneChanges;
    private final Corrections corrections;
    private final HealthRules rules;
    private final JdbcClient jdbc;

    private final PersonalDataReads reads;

    HealthBureauController(
            JdbcClient jdbc,
            HealthRules rules,
            HealthLists lists,
            GateScans scans,
            CurrentActor currentActor,
            PhoneChanges phoneChanges,
            Corrections corrections,
            PersonalDataReads reads) {
        this.corrections = corrections;
        this.rules = rules;
        this.jdbc = jdbc;
        this.lists = lists;
        this.scans = scans;
        this.currentActor = currentActor;
        this.phoneChanges = phoneChanges;
        this.reads = reads;
    }

    @GetMapping("/health")
    String page(Model model) {
        model.addAttribute("counts", scans.counts());
        var pendingCorrections = corrections.pending();
        var pendingPhones = phoneChanges.pending();
        if (!pendingCorrections.isEmpty() || !pendingPhones.isEmpty()) {
            // The desk shows the people who asked for a correction or a new phone number.
            reads.record("healthcode", "PendingRequests", null, pendingCorrections.size() + pendingPhones.size(), null);
        }
        model.addAttribute("corrections", pendingCorrections);
        model.addAttribute("phoneChanges", pendingPhones);
        model.addAttribute("rules", rules.versions());
        model.addAttribute("areas", lists.areas());
        if (!model.containsAttribute("bureau")) {
            model.addAttribute("bureau", new Object());
        }
        return "healthcode/bureau";
    }

    @PostMapping("/health/lists")
    String upload(
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "upload") String source,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response)
            throws IOException {
        List<HealthLists.Entry> entries = new ArrayList<>();
        try {
            List<List<String>> lines = TabularFile.read(
                    file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                    file.getBytes(),
                    COLUMNS.size(),
                    HealthLists.MAX_ENTRIES);
            if (!TabularFile.hasHeader(lines, COLUMNS)) {
                throw new InvalidInputException(Map.of("file", "healthcode.error.header"));
            }
            for (List<String> line : lines.subList(1, lines.size())) {
                if (line.stream().allMatch(String::isBlank)) {
                    continue;
                }
                LocalDate listed;
                try {
                    listed = LocalDate.parse(TabularFile.cell(line, 2));
                } catch (DateTimeParseException e) {
                    listed = null;
                }
                entries.add(new HealthLists.Entry(
                        TabularFile.cell(line, 0), TabularFile.cell(line, 1).toUpperCase(Locale.ROOT), listed));
            }
            var imported =
                    lists.importEntries(currentActor.get(), source.isBlank() ? "upload" : source.trim(), entries);
            redirect.addFlashAttribute("imported", imported);
            redirect.addFlashAttribute("success", "healthcode.lists.imported");
            return "redirect:/health";
        } catch (TabularFile.UnreadableException e) {
            response.setStatus(422);
            model.addAttribute(
                    "listProblems", List.of(new InvalidInputException.Problem("file", e.getMessage(), e.args())));
            return page(model);
        } catch (InvalidInputException e) {
            // The file's report, line by line, beside the upload form.
            response.setStatus(422);
            model.addAttribute("listProblems", e.all());
            return page(model);
        }
    }

    @PostMapping("/health/areas")
    String setArea(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "LOW") String level,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return FormStep.ofPage("bureau", model, redirect, response)
                .run(
                        () -> {
                            CodeRules.Level parsed;
                            try {
                                parsed = CodeRules.Level.valueOf(level);
                            } catch (IllegalArgumentException e) {
                                throw InvalidInputException.of("area", "healthcode.error.area");
                            }
                            lists.setArea(currentActor.get(), code.trim(), name, parsed);
                        },
                        "healthcode.areas.saved",
                        "/health",
                        () -> page(model));
    }

    @PostMapping("/health/rules")
    String addRules(
            @RequestParam Map<String, String> params,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return FormStep.ofPage("bureau", model, redirect, response)
                .run(
                        () -> {
                            LocalDate from;
                            try {
                                from = LocalDate.parse(params.getOrDefault("effectiveFrom", ""));
                            } catch (DateTimeParseException e) {
                                throw InvalidInputException.of("effectiveFrom", "healthcode.error.backdated");
                            }
                            try {
                                rules.add(
                                        currentActor.get(),
                                        from,
                                        Integer.parseInt(params.getOrDefault("redDays", "")),
                                        Integer.parseInt(params.getOrDefault("yellowDays", "")),
                                        Double.parseDouble(params.getOrDefault("feverAt", "")),
                                        Integer.parseInt(params.getOrDefault("lookBackDays", "")));
                            } catch (NumberFormatException e) {
                                throw InvalidInputException.of("redDays", "healthcode.error.days");
                            }
                        },
                        "healthcode.rules.saved",
                        "/health",
                        () -> page(model));
    }

    @PostMapping("/health/corrections/{id}")
    String decide(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean accept,
            @RequestParam(required = false) String note,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        return FormStep.ofPage("bureau", model, redirect, response)
                .run(
                        () -> corrections.decide(currentActor.get(), id, accept, note),
                        accept ? "healthcode.correction.accepted" : "healthcode.correction.refused",
                        "/health",
                        () -> page(model));
    }

    record ApiEntry(String idNumber, String kind, LocalDate listedOn) {}

    @PostMapping("/api/health/lists")
    @ResponseBody
    @Operation(
            summary =
                    "Imports the health bureau's list entries (idNumber, kind: CONFIRMED, SUSPECTED or CLOSE_CONTACT, "
                            + "listedOn), all or nothing; answers 422 with every problem")
    ResponseEntity<?> importApi(@RequestParam(defaultValue = "api") String source, @RequestBody List<ApiEntry> body) {
        try {
            return ResponseEntity.ok(lists.importEntries(
                    currentActor.get(),
                    source,
                    body.stream()
                            .map(e -> new HealthLists.Entry(e.idNumber(), e.kind(), e.listedOn()))
                            .toList()));
        } catch (InvalidInputException e) {
            return ResponseEntity.unprocessableEntity().body(e.problems());
        }
    }
}
