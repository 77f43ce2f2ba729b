package org.fugong.visits.web;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.shell.InvalidInputException;
import org.fugong.tickets.TicketCategory;
import org.fugong.visits.internal.Checklists;
import org.fugong.visits.internal.ItemResult;
import org.fugong.visits.internal.Photos;
import org.fugong.visits.internal.VisitLog;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** A visit as the form and the JSON API send it, made into the one input the visit log takes. */
final class VisitForms {

    /** How many problems the form offers. */
    static final int PROBLEM_ROWS = 3;

    /** A photo in JSON: its file name and its bytes in base64. */
    record PhotoJson(@Nullable String filename, @Nullable String data) {}

    record ItemJson(
            @Nullable String result,
            @Nullable String remark,
            @Nullable PhotoJson photo) {}

    record ProblemJson(
            @Nullable String title,
            @Nullable String description,
            @Nullable String category,
            boolean solvedOnSpot,
            @Nullable String resolution) {}

    /** {@code POST /api/visits}: the id is made on the phone. */
    record VisitJson(
            @Nullable UUID id,
            @Nullable UUID enterpriseId,
            @Nullable String visitedAt,
            @Nullable Map<String, ItemJson> items,
            @Nullable Integer staffOnSite,
            @Nullable Integer staffNormal,
            @Nullable Integer capacityPercent,
            @Nullable String notes,
            @Nullable UUID corrects,
            @Nullable List<ProblemJson> problems) {}

    private VisitForms() {}

    static VisitLog.VisitInput fromJson(VisitJson json) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (json.id() == null) {
            problems.put("id", "visits.error.id");
        }
        if (json.enterpriseId() == null) {
            problems.put("enterpriseId", "visits.error.enterprise");
        }
        Instant visitedAt = instant(json.visitedAt(), problems);
        Map<String, VisitLog.ItemInput> items = new LinkedHashMap<>();
        if (json.items() != null) {
            json.items().forEach((code, item) -> {
                ItemResult result = result(item == null ? null : item.result());
                if (result == null) {
                    problems.put("item." + code, "visits.error.itemUnanswered");
                    return;
                }
                Photos.Upload photo = null;
                if (item.photo() != null && item.photo().data() != null) {
                    try {
                        photo = new Photos.Upload(
                                String.valueOf(item.photo().filename()),
                                Base64.getMimeDecoder().decode(item.photo().data()));
                    } catch (IllegalArgumentException e) {
                        problems.put("item." + code, "visits.error.photoType");
                    }
                }
                items.put(code, new VisitLog.ItemInput(result, item.remark(), photo));
            });
        }
        List<VisitLog.ProblemInput> raised = new ArrayList<>();
        if (json.problems() != null) {
            for (int i = 0; i < json.problems().size(); i++) {
                ProblemJson p = json.problems().get(i);
                raised.add(problem(
                        i, p.title(), p.description(), p.category(), p.solvedOnSpot(), p.resolution(), problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new VisitLog.VisitInput(
                json.id(),
                json.enterpriseId(),
                visitedAt,
                items,
                json.staffOnSite(),
                json.staffNormal(),
                json.capacityPercent(),
                json.notes(),
                json.corrects(),
                raised);
    }

    static VisitLog.VisitInput fromForm(MultipartHttpServletRequest request, Checklists.Checklist checklist)
            throws IOException {
        Map<String, String> problems = new LinkedHashMap<>();
        UUID id = uuid(request.getParameter("id"));
        UUID enterprise = uuid(request.getParameter("enterpriseId"));
        if (id == null) {
            problems.put("id", "visits.error.id");
        }
        if (enterprise == null) {
            problems.put("enterpriseId", "visits.error.enterprise");
        }
        Instant visitedAt = instant(request.getParameter("visitedAt"), problems);
        Map<String, VisitLog.ItemInput> items = new LinkedHashMap<>();
        for (Checklists.Item item : checklist.items()) {
            String prefix = "item." + item.code();
            ItemResult result = result(request.getParameter(prefix + ".result"));
            if (result == null) {
                problems.put(prefix, "visits.error.itemUnanswered");
                continue;
            }
            MultipartFile file = request.getFile(prefix + ".photo");
            Photos.Upload photo = file == null || file.isEmpty()
                    ? null
                    : new Photos.Upload(String.valueOf(file.getOriginalFilename()), file.getBytes());
            items.put(item.code(), new VisitLog.ItemInput(result, request.getParameter(prefix + ".remark"), photo));
        }
        List<VisitLog.ProblemInput> raised = new ArrayList<>();
        for (int i = 0; i < PROBLEM_ROWS; i++) {
            String title = request.getParameter("problem." + i + ".title");
            String description = request.getParameter("problem." + i + ".description");
            if ((title == null || title.isBlank()) && (description == null || description.isBlank())) {
                continue;
            }
            raised.add(problem(
                    i,
                    title,
                    description,
                    request.getParameter("problem." + i + ".category"),
                    request.getParameter("problem." + i + ".solvedOnSpot") != null,
                    request.getParameter("problem." + i + ".resolution"),
                    problems));
        }
        Integer onSite = number(request.getParameter("staffOnSite"), "staffOnSite", problems);
        Integer normal = number(request.getParameter("staffNormal"), "staffNormal", problems);
        Integer capacity = number(request.getParameter("capacityPercent"), "capacityPercent", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new VisitLog.VisitInput(
                id,
                enterprise,
                visitedAt,
                items,
                onSite,
                normal,
                capacity,
                request.getParameter("notes"),
                uuid(request.getParameter("corrects")),
                raised);
    }

    private static VisitLog.ProblemInput problem(
            int i,
            @Nullable String title,
            @Nullable String description,
            @Nullable String category,
            boolean solvedOnSpot,
            @Nullable String resolution,
            Map<String, String> problems) {
        TicketCategory parsed = null;
        try {
            parsed = category == null
                    ? null
                    : TicketCategory.valueOf(category.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.put("problems[" + i + "].category", "visits.error.category");
        }
        return new VisitLog.ProblemInput(
                title == null ? "" : title,
                description == null ? "" : description,
                parsed == null ? TicketCategory.OTHER : parsed,
                solvedOnSpot,
                resolution);
    }

    private static @Nullable ItemResult result(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return ItemResult.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Instant instant(@Nullable String text, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.put("visitedAt", "visits.error.visitedAt");
            return null;
        }
    }

    private static @Nullable Integer number(@Nullable String text, String field, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            problems.put(field, "visits.error.number");
            return null;
        }
    }

    static @Nullable UUID uuid(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
