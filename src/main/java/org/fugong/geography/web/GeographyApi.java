package org.fugong.geography.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Township;
import org.fugong.shell.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/geography")
@Tag(name = "Geography", description = "Districts and townships of the city")
class GeographyApi {

    private final Geography geography;

    GeographyApi(Geography geography) {
        this.geography = geography;
    }

    @GetMapping("/districts")
    @Operation(summary = "The city's districts, counties and functional zones")
    List<District> districts() {
        return geography.districts();
    }

    @GetMapping("/districts/{code}/townships")
    @Operation(summary = "The townships of one district")
    List<Township> townships(@PathVariable String code) {
        geography.district(code).orElseThrow(() -> new NotFoundException("district", code));
        return geography.townships(code);
    }
}
