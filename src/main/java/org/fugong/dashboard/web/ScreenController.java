package org.fugong.dashboard.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.dashboard.internal.IndexValue;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.dashboard.internal.ScreenLinks;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.ReportingRead;
import org.fugong.shell.Times;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wall screen (大屏) of the command room: opened by a signed link without a login, the city's
 * view at 1920×1080, dark and in large type, updating itself. A revoked or unknown link is a 404.
 */
@Controller
class ScreenController {

    private final ScreenLinks links;
    private final DashboardView view;
    private final Times times;
    private final MessageSource messages;
    private final JsonMapper json;

    ScreenController(ScreenLinks links, DashboardView view, Times times, MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
        this.links = links;
        this.view = view;
        this.times = times;
    }

    private void open(String token) {
        if (!links.opens(token)) {
            throw new NotFoundException("screen", "link");
        }
    }

    @GetMapping("/screen/{token}")
    @ReportingRead
    String screen(@PathVariable String token, Model model, Locale locale) {
        open(token);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : List.of("RESUMED", "PRODUCTION", "STAFF", "ARRIVALS", "PROBLEMS", "GREEN")) {
            labels.put(part, messages.getMessage("index.part." + part, null, locale));
        }
        labels.put("preset.STATE_GRID", messages.getMessage("index.preset.STATE_GRID", null, locale));
        labels.put("preset.FUGONG", messages.getMessage("index.preset.FUGONG", null, locale));
        labels.put("pending", messages.getMessage("dashboard.tile.applications", null, locale));
        labels.put("overdue", messages.getMessage("index.brief.overdue", null, locale));
        labels.put("chains", messages.getMessage("dashboard.tile.chainsBlocked", null, locale));
        labels.put("scans", messages.getMessage("index.brief.scans", null, locale));
        model.addAttribute("labels", json.writeValueAsString(labels));
        model.addAttribute("token", token);
        model.addAttribute("zone", times.zone().getId());
        model.addAttribute(
                "cityName",
                locale.getLanguage().equals("zh") ? view.nameZh(IndexValue.CITY) : view.nameEn(IndexValue.CITY));
        model.addAttribute("today", view.today());
        return "dashboard/screen";
    }

    @GetMapping("/screen/{token}/data")
    @ReportingRead
    @ResponseBody
    Map<String, Object> data(@PathVariable String token, Locale locale) {
        open(token);
        boolean zh = locale.getLanguage().equals("zh");
        LocalDate today = view.today();
        List<DashboardView.Row> rows = view.rows(Scope.city(), today, IndexValue.ALL);
        DashboardView.Row city = rows.get(rows.size() - 1);
        LiveFigures.Live live = city.live();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("day", today.toString());
        body.put("computedAt", live == null ? null : times.formatSeconds(live.computedAt()));
        body.put("composite", city.index().composite());
        body.put("shown", city.index().shown().name());
        body.put("parts", city.index().parts());
        body.put("map", view.map(Scope.city(), today, rows, zh));
        body.put(
                "ranking",
                rows.stream()
                        .filter(r -> !r.city())
                        .map(r -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("name", zh ? r.nameZh() : DashboardView.shortName(r.nameEn()));
                            m.put("value", r.index().composite());
                            m.put("colour", r.index().colour());
                            return m;
                        })
                        .toList());
        if (live != null) {
            body.put("tiles", live.tiles());
            body.put("codes", live.codes());
            body.put(
                    "escalations",
                    live.escalations().stream()
                            .map(e -> Map.of(
                                    "number", e.number(),
                                    "title", e.title(),
                                    "district", zh ? view.nameZh(e.districtCode()) : view.nameEn(e.districtCode()),
                                    "at", times.format(e.at())))
                            .toList());
        }
        return body;
    }
}
