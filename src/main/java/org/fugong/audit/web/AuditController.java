package org.fugong.audit.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.LocalDate;
import java.util.List;
import org.fugong.access.CurrentActor;
import org.fugong.audit.internal.AuditQuery;
import org.fugong.shell.Choice;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditController {

    static final List<String> MODULES = List.of("accounts", "audit", "enterprises", "geography", "visits");
    private static final int PAGE_SIZE = 50;

    private final AuditQuery query;
    private final CurrentActor currentActor;
    private final Times times;

    AuditController(AuditQuery query, CurrentActor currentActor, Times times) {
        this.query = query;
        this.currentActor = currentActor;
        this.times = times;
    }

    @GetMapping("/audit")
    String list(
            @RequestParam(required = false) @Nullable String module,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String entity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String after,
            HtmxRequest htmx,
            Model model) {
        var filter = new AuditQuery.Filter(
                module,
                action,
                actor,
                entity,
                from == null ? null : times.startOfDay(from),
                to == null ? null : times.startOfDay(to.plusDays(1)));
        model.addAttribute("slice", query.page(currentActor.scope(), filter, after, PAGE_SIZE));
        model.addAttribute(
                "modules",
                MODULES.stream().map(m -> Choice.ofKey(m, "module." + m)).toList());
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (htmx.isHtmxRequest()) {
            return after == null ? "audit/list :: results" : "audit/list :: rows";
        }
        return "audit/list";
    }
}
