package org.cordon.area.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.shared.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reference data: national divisions (origins) and the city's area tree (destinations). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
class AreaApiController {

    private final AreaManagement areas;

    AreaApiController(AreaManagement areas) {
        this.areas = areas;
    }

    @GetMapping("/divisions")
    @Operation(summary = "Provinces, or the children (cities, counties) of a division",
            description = "Without parent: the provinces, Taiwan (71), Hong Kong (81), Macao (82) and abroad (ISO). "
                    + "parent=ISO lists the countries of ISO 3166-1, coded ISO: + alpha-2 (ISO:US), with nameEn.")
    List<Division> divisions(@RequestParam(required = false) String parent) {
        return parent == null || parent.isBlank() ? areas.provinces() : areas.divisionChildren(parent.trim());
    }

    @GetMapping("/divisions/resolve")
    @Operation(summary = "The current division meant by an origin as typed",
            description = "Accepts current codes, the six-digit GB/T 2260 form (420100, 810000), old division codes "
                    + "(610821 is 610881 神木市) and countries by ISO 3166-1 alpha-2 or alpha-3 (US, USA, ISO:US). "
                    + "This is what the passage and returnee APIs store for originAreaCode / originCode. 404 when "
                    + "the input names no division.")
    Division resolve(@RequestParam String code) {
        return areas.resolveOrigin(code).orElseThrow(() -> new NotFoundException("Division " + code));
    }

    @GetMapping("/areas")
    @Operation(summary = "Towns and street offices, or the children of an area node")
    List<Area> areas(@RequestParam(required = false) String parent) {
        return parent == null || parent.isBlank() ? areas.towns() : areas.children(parent.trim());
    }
}
