package org.fugong.enterprises.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationInput;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The application form as typed: text, so that a malformed number or date comes back to the form
 * with its message instead of a binding error page.
 */
public class ApplicationForm {

    public ApplicationForm() {}

    private @Nullable Long version;
    private String plannedDate = "";
    private String staffLocal = "";
    private String staffOtherProvinces = "";
    private String staffRiskAreas = "";
    private Map<String, String> measures = new LinkedHashMap<>();
    private String commitmentName = "";
    private boolean commitmentAccepted;

    static ApplicationForm of(Application application) {
        ApplicationForm form = new ApplicationForm();
        form.version = application.version();
        form.plannedDate = application.plannedDate() == null
                ? ""
                : application.plannedDate().toString();
        form.staffLocal = text(application.staffLocal());
        form.staffOtherProvinces = text(application.staffOtherProvinces());
        form.staffRiskAreas = text(application.staffRiskAreas());
        form.measures = new LinkedHashMap<>(application.measures());
        form.commitmentName = application.commitmentName() == null ? "" : application.commitmentName();
        return form;
    }

    /** The input; refused with each field that could not be read as what it must be. */
    ApplicationInput input() {
        Map<String, String> problems = new LinkedHashMap<>();
        ApplicationInput input = new ApplicationInput(
                date(problems),
                number("staffLocal", staffLocal, problems),
                number("staffOtherProvinces", staffOtherProvinces, problems),
                number("staffRiskAreas", staffRiskAreas, problems),
                measures,
                commitmentName,
                commitmentAccepted);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return input;
    }

    private @Nullable LocalDate date(Map<String, String> problems) {
        if (plannedDate == null || plannedDate.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(plannedDate.trim());
        } catch (DateTimeParseException e) {
            problems.put("plannedDate", "application.error.plannedDate");
            return null;
        }
    }

    private static @Nullable Integer number(String field, @Nullable String value, Map<String, String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            problems.put(field, "application.error.staff");
            return null;
        }
    }

    private static String text(@Nullable Integer value) {
        return value == null ? "" : value.toString();
    }

    public @Nullable Long getVersion() {
        return version;
    }

    public void setVersion(@Nullable Long version) {
        this.version = version;
    }

    public String getPlannedDate() {
        return plannedDate;
    }

    public void setPlannedDate(String plannedDate) {
        this.plannedDate = plannedDate;
    }

    public String getStaffLocal() {
        return staffLocal;
    }

    public void setStaffLocal(String staffLocal) {
        this.staffLocal = staffLocal;
    }

    public String getStaffOtherProvinces() {
        return staffOtherProvinces;
    }

    public void setStaffOtherProvinces(String staffOtherProvinces) {
        this.staffOtherProvinces = staffOtherProvinces;
    }

    public String getStaffRiskAreas() {
        return staffRiskAreas;
    }

    public void setStaffRiskAreas(String staffRiskAreas) {
        this.staffRiskAreas = staffRiskAreas;
    }

    public Map<String, String> getMeasures() {
        return measures;
    }

    public void setMeasures(Map<String, String> measures) {
        this.measures = measures;
    }

    public String getCommitmentName() {
        return commitmentName;
    }

    public void setCommitmentName(String commitmentName) {
        this.commitmentName = commitmentName;
    }

    public boolean isCommitmentAccepted() {
        return commitmentAccepted;
    }

    public void setCommitmentAccepted(boolean commitmentAccepted) {
        this.commitmentAccepted = commitmentAccepted;
    }
}
