package org.fugong.enterprises.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.enterprises.ContactPhone;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.enterprises.PriorityCategory;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.geography.Geography;
import org.fugong.shell.TabularFile;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rows of a registry file, one at a time: each cell checked against its column's rule, the
 * districts and townships against the city and against the importer's scope.
 */
@Component
class RegistryRows {

    private final Geography geography;

    RegistryRows(Geography geography) {
        this.geography = geography;
    }

    /**
     * One row of the file, checked: the enterprise it describes, or null with its problems added (a
     * code seen earlier in the file is a duplicate; codes already in the registry are checked for the
     * whole file at once by the caller).
     */
    @Nullable NewEnterprise check(
            int line,
            List<String> cells,
            Scope scope,
            Map<String, Integer> codesInFile,
            List<EnterpriseImports.Problem> problems) {
        int before = problems.size();
        String uscc = TabularFile.cell(cells, 0).toUpperCase(Locale.ROOT);
        if (!UnifiedSocialCreditCode.isValid(uscc)) {
            problems.add(new EnterpriseImports.Problem(line, "uscc", "enterprises.import.error.uscc", List.of(uscc)));
        } else if (codesInFile.putIfAbsent(uscc, line) != null) {
            problems.add(new EnterpriseImports.Problem(
                    line,
                    "uscc",
                    "enterprises.import.error.duplicate",
                    List.of(uscc, Integer.toString(codesInFile.get(uscc)))));
        }
        String name = TabularFile.cell(cells, 1);
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new EnterpriseImports.Problem(line, "name", "enterprises.import.error.name", List.of()));
        }
        String legal = TabularFile.cell(cells, 2);
        if (legal.isEmpty() || legal.length() > 100) {
            problems.add(new EnterpriseImports.Problem(
                    line, "legal_representative", "enterprises.import.error.required", List.of()));
        }
        String district = TabularFile.cell(cells, 3);
        if (geography.district(district).isEmpty()) {
            problems.add(new EnterpriseImports.Problem(
                    line, "district_code", "enterprises.import.error.district", List.of(district)));
        } else if (!scope.permitsDistrict(district)) {
            problems.add(new EnterpriseImports.Problem(
                    line, "district_code", "enterprises.import.error.notYourDistrict", List.of(district)));
        }
        String township = TabularFile.cell(cells, 4);
        if (!township.isEmpty() && !geography.contains(district, township)) {
            problems.add(new EnterpriseImports.Problem(
                    line, "township_code", "enterprises.import.error.township", List.of(township, district)));
        }
        IndustrySection industry =
                parse(IndustrySection.class, TabularFile.cell(cells, 5).toUpperCase(Locale.ROOT));
        if (industry == null) {
            problems.add(new EnterpriseImports.Problem(
                    line,
                    "industry_section",
                    "enterprises.import.error.industry",
                    List.of(TabularFile.cell(cells, 5))));
        }
        EnterpriseSize size =
                parse(EnterpriseSize.class, TabularFile.cell(cells, 6).toUpperCase(Locale.ROOT));
        if (size == null) {
            problems.add(new EnterpriseImports.Problem(
                    line, "size", "enterprises.import.error.size", List.of(TabularFile.cell(cells, 6))));
        }
        Boolean above = yesNo(TabularFile.cell(cells, 7));
        if (above == null) {
            problems.add(new EnterpriseImports.Problem(
                    line, "above_scale", "enterprises.import.error.boolean", List.of(TabularFile.cell(cells, 7))));
        }
        int staff = -1;
        try {
            staff = Integer.parseInt(TabularFile.cell(cells, 8).replaceAll("\\.0$", ""));
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (staff < 0) {
            problems.add(new EnterpriseImports.Problem(
                    line, "staff_count", "enterprises.import.error.staff", List.of(TabularFile.cell(cells, 8))));
        }
        String keyText = TabularFile.cell(cells, 9);
        Boolean key = keyText.isEmpty() ? Boolean.FALSE : yesNo(keyText);
        if (key == null) {
            problems.add(new EnterpriseImports.Problem(
                    line, "key_enterprise", "enterprises.import.error.boolean", List.of(keyText)));
        }
        String categoryText = TabularFile.cell(cells, 10).toUpperCase(Locale.ROOT);
        PriorityCategory category = categoryText.isEmpty() ? null : parse(PriorityCategory.class, categoryText);
        if (!categoryText.isEmpty() && category == null) {
            problems.add(new EnterpriseImports.Problem(
                    line, "priority_category", "enterprises.import.error.category", List.of(categoryText)));
        }
        Double area = null;
        String areaText = TabularFile.cell(cells, 11);
        if (!areaText.isEmpty()) {
            try {
                area = Double.parseDouble(areaText);
            } catch (NumberFormatException ignored) {
                area = -1.0;
            }
            if (area < 0 || area.isNaN() || area.isInfinite()) {
                problems.add(new EnterpriseImports.Problem(
                        line, "floor_area_m2", "enterprises.import.error.area", List.of(areaText)));
            }
        }
        String contact = TabularFile.cell(cells, 12);
        if (contact.length() > 100) {
            problems.add(
                    new EnterpriseImports.Problem(line, "contact_name", "enterprises.import.error.contact", List.of()));
        }
        String phone = TabularFile.cell(cells, 13);
        if (!phone.isEmpty() && !ContactPhone.isValid(phone)) {
            problems.add(new EnterpriseImports.Problem(
                    line, "contact_phone", "enterprises.import.error.phone", List.of(phone)));
        }
        if (problems.size() > before) {
            return null;
        }
        return new NewEnterprise(
                uscc,
                name,
                legal,
                district,
                township.isEmpty() ? null : township,
                industry,
                size,
                above,
                staff,
                key,
                category,
                area,
                contact.isEmpty() ? null : contact,
                phone.isEmpty() ? null : ContactPhone.normalise(phone));
    }

    /** A yes-or-no cell: true/false, 1/0 or 是/否; null if it is neither. */
    private static @Nullable Boolean yesNo(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "是" -> true;
            case "false", "0", "否" -> false;
            default -> null;
        };
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
