package org.fugong.enterprises.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.audit.PersonalDataReads;
import org.fugong.enterprises.EnterpriseCriteria;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.internal.EnterpriseImports;
import org.fugong.geography.Geography;
import org.fugong.shell.Choice;
import org.fugong.shell.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The registry as officials, commissioners and enterprises see it: only what their scope permits. */
@Controller
class EnterpriseController {

    static final int PAGE_SIZE = 25;

    private final EnterpriseDirectory directory;
    private final CurrentActor currentActor;
    private final Geography geography;

    private final ApplicationDesk applications;

    private final PersonalDataReads reads;

    EnterpriseController(
            EnterpriseDirectory directory,
            CurrentActor currentActor,
            Geography geography,
            ApplicationDesk applications,
            PersonalDataReads reads) {
        this.reads = reads;
        this.applications = applications;
        this.directory = directory;
        this.currentActor = currentActor;
        this.geography = geography;
    }

    /** A registry list's filter as the page and the exports receive it. */
    record RegistryFilter(
            @Nullable String q,
            @Nullable String district,
            @Nullable IndustrySection industry,
            @Nullable EnterpriseSize size,
            @Nullable Boolean aboveScale) {

        EnterpriseCriteria criteria() {
            return new EnterpriseCriteria(q, district, null, industry, size, aboveScale);
        }
    }

    @GetMapping("/enterprises")
    String list(
            @ModelAttribute RegistryFilter filter,
            @RequestParam(required = false) @Nullable String after,
            HtmxRequest htmx,
            Model model,
            Locale locale) {
        Scope scope = currentActor.scope();
        var criteria = filter.criteria();
        model.addAttribute("slice", directory.search(scope, criteria, after, PAGE_SIZE));
        model.addAttribute("criteria", criteria);
        model.addAttribute("geography", geography);
        model.addAttribute("districts", geography.districtChoices(scope, locale));
        model.addAttribute("industries", Choice.of(IndustrySection.values(), IndustrySection::messageKey));
        model.addAttribute("sizes", Choice.of(EnterpriseSize.values(), z -> "size." + z.name()));
        // htmx asks for the rows only: the first page of a new filter, or the next page appended.
        if (htmx.isHtmxRequest()) {
            return after == null ? "enterprises/list :: results" : "enterprises/list :: rows";
        }
        return "enterprises/list";
    }

    /** An enterprise account's own record. */
    @GetMapping("/enterprises/mine")
    String mine(HttpServletResponse response) throws IOException {
        UUID own = currentActor.get().enterpriseId();
        if (own == null) {
            throw new NotFoundException("enterprise of", currentActor.get().getUsername());
        }
        return "redirect:/enterprises/" + own;
    }

    @GetMapping("/enterprises/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("enterprise", directory.get(currentActor.scope(), id));
        model.addAttribute("geography", geography);
        model.addAttribute("applications", applications.ofEnterprise(currentActor.scope(), id));
        return "enterprises/detail";
    }

    /** The current filter as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese). */
    @GetMapping(value = "/enterprises/export.csv")
    void export(
            @ModelAttribute RegistryFilter filter,
            @RequestParam(required = false) @Nullable String purpose,
            HttpServletResponse response)
            throws IOException {
        Scope scope = currentActor.scope();
        var criteria = filter.criteria();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"enterprises.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        out.write('\uFEFF');
        // The import's columns, so that an export can be corrected and imported elsewhere.
        out.println(String.join(",", EnterpriseImports.COLUMNS) + ","
                + String.join(",", EnterpriseImports.OPTIONAL_COLUMNS));
        int[] people = {0};
        directory.forEach(scope, criteria, e -> {
            people[0] += e.contactName() == null && e.contactPhone() == null ? 0 : 1;
            out.println(String.join(
                    ",",
                    e.uscc(),
                    csv(e.name()),
                    csv(e.legalRepresentative()),
                    e.districtCode(),
                    e.townshipCode() == null ? "" : e.townshipCode(),
                    e.industrySection().name(),
                    e.size().name(),
                    Boolean.toString(e.aboveScale()),
                    Integer.toString(e.staffCount()),
                    Boolean.toString(e.keyEnterprise()),
                    e.priorityCategory() == null ? "" : e.priorityCategory().name(),
                    e.floorAreaM2() == null ? "" : Double.toString(e.floorAreaM2()),
                    e.contactName() == null ? "" : csv(e.contactName()),
                    e.contactPhone() == null ? "" : e.contactPhone()));
        });
        out.flush();
        reads.record("enterprises", "RegistryExportCsv", null, people[0], purpose);
    }

    /** The current filter as an Excel workbook, written as it streams (a district's list can be large). */
    @GetMapping(value = "/enterprises/export.xlsx")
    void exportXlsx(
            @ModelAttribute RegistryFilter filter,
            @RequestParam(required = false) @Nullable String purpose,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        Scope scope = currentActor.scope();
        var criteria = filter.criteria();
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"enterprises.xlsx\"");
        try (var workbook = new SXSSFWorkbook(200)) {
            var sheet = workbook.createSheet();
            String[] header = {
                "uscc",
                "name",
                "legal_representative",
                "district_code",
                "district",
                "township_code",
                "industry_section",
                "size",
                "above_scale",
                "staff_count",
                "key_enterprise",
                "priority_category",
                "floor_area_m2",
                "contact_name",
                "contact_phone"
            };
            var first = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                first.createCell(i).setCellValue(header[i]);
            }
            int[] next = {1};
            int[] people = {0};
            directory.forEach(scope, criteria, e -> {
                people[0] += e.contactName() == null && e.contactPhone() == null ? 0 : 1;
                var row = sheet.createRow(next[0]++);
                row.createCell(0).setCellValue(e.uscc());
                row.createCell(1).setCellValue(e.name());
                row.createCell(2).setCellValue(e.legalRepresentative());
                row.createCell(3).setCellValue(e.districtCode());
                row.createCell(4)
                        .setCellValue(geography
                                .district(e.districtCode())
                                .map(d -> d.name(locale))
                                .orElse(""));
                row.createCell(5).setCellValue(e.townshipCode() == null ? "" : e.townshipCode());
                row.createCell(6).setCellValue(e.industrySection().name());
                row.createCell(7).setCellValue(e.size().name());
                row.createCell(8).setCellValue(e.aboveScale());
                row.createCell(9).setCellValue(e.staffCount());
                row.createCell(10).setCellValue(e.keyEnterprise());
                row.createCell(11)
                        .setCellValue(
                                e.priorityCategory() == null
                                        ? ""
                                        : e.priorityCategory().name());
                if (e.floorAreaM2() != null) {
                    row.createCell(12).setCellValue(e.floorAreaM2());
                }
                row.createCell(13).setCellValue(e.contactName() == null ? "" : e.contactName());
                row.createCell(14).setCellValue(e.contactPhone() == null ? "" : e.contactPhone());
            });
            workbook.write(response.getOutputStream());
            reads.record("enterprises", "RegistryExportXlsx", null, people[0], purpose);
        }
    }

    private static String csv(String value) {
        String safe = value;
        // A cell that starts like a formula is neutralised, so that a spreadsheet does not run it.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
