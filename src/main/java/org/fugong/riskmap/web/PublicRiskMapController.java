package org.fugong.riskmap.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fugong.riskmap.RiskColour;
import org.fugong.riskmap.RiskMap;
import org.fugong.riskmap.internal.MapShapes;
import org.fugong.shell.Times;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Today's colours for everyone, without login — as Zhejiang published its map — and nothing
 * behind them: no figures, scores or history.
 */
@Controller
@Tag(name = "Public risk map", description = "Today's colours, without login")
class PublicRiskMapController {

    /** A district's colour today, and no more. */
    record PublicColour(String code, String nameZh, String nameEn, RiskColour colour, String hex, int level) {}

    private final RiskMap map;
    private final MapShapes shapes;
    private final Times times;

    PublicRiskMapController(RiskMap map, MapShapes shapes, Times times) {
        this.map = map;
        this.shapes = shapes;
        this.times = times;
    }

    @GetMapping("/public/riskmap")
    String page(Model model) {
        model.addAttribute("day", times.today());
        model.addAttribute("rows", colours());
        model.addAttribute("colours", RiskColour.values());
        return "riskmap/public";
    }

    @GetMapping("/public/riskmap/colours")
    @ResponseBody
    @Operation(summary = "Today's colour of every district")
    List<PublicColour> colours() {
        return map.colours(times.today()).stream()
                .filter(c -> !c.unit().township())
                .map(c -> new PublicColour(
                        c.unit().code(),
                        c.unit().nameZh(),
                        c.unit().nameEn(),
                        c.colour(),
                        c.colour().hex(),
                        c.colour().level()))
                .toList();
    }

    @GetMapping(value = "/public/riskmap/shapes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    String shapes() {
        return shapes.shapes(MapShapes.CITY);
    }
}
