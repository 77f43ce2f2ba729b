package org.fugong.geography.web;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Township;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
        geography.district(code).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        return geography.townships(code);
    }
}
