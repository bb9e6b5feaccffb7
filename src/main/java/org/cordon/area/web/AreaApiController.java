package org.cordon.area.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
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
    @Operation(summary = "Provinces, or the children (cities, counties) of a division")
    List<Division> divisions(@RequestParam(required = false) String parent) {
        return parent == null || parent.isBlank() ? areas.provinces() : areas.divisionChildren(parent.trim());
    }

    @GetMapping("/areas")
    @Operation(summary = "Towns and street offices, or the children of an area node")
    List<Area> areas(@RequestParam(required = false) String parent) {
        return parent == null || parent.isBlank() ? areas.towns() : areas.children(parent.trim());
    }
}
