package org.cordon.area.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.area.AreaChange;
import org.cordon.area.AreaImport;
import org.cordon.area.AreaManagement;
import org.cordon.area.AreaNode;
import org.cordon.area.ImportReport;
import org.cordon.area.NewArea;
import org.cordon.shared.ValidationFailedException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * JSON API of the area grid: the tree inside the caller's jurisdiction with household and resident
 * figures and the temporary-branch flag; administrators edit the tree and import it from a file.
 */
@RestController
@RequestMapping("/api/v1/areas")
@Tag(name = "Area grid")
@SecurityRequirement(name = "basic")
class AreaGridApiController {

    private final AreaManagement areas;
    private final AreaImport importer;

    AreaGridApiController(AreaManagement areas, AreaImport importer) {
        this.areas = areas;
        this.importer = importer;
    }

    @GetMapping("/tree")
    @Operation(summary = "The area tree below a node inside the caller's jurisdiction",
            description = "Nested nodes with their own households and residents, subtree totals (a child counts its own figure, "
                    + "or its subtree total when it records none) and needsTemporaryBranch for compounds at or above the "
                    + "thresholds. 403 outside the jurisdiction or for users without an area.")
    AreaNode tree(@AuthenticationPrincipal CordonUser user,
                  @Parameter(description = "root node; default: the root of the caller's jurisdiction")
                  @RequestParam(required = false) String root,
                  @Parameter(description = "levels below the root to return; default: all")
                  @RequestParam(required = false) Integer depth) {
        return areas.gridTree(user, root, depth);
    }

    /** Editable fields of a node. */
    record AreaUpdateRequest(String name, Integer households, Integer residents) {
    }

    @PutMapping("/{code}")
    @Operation(summary = "Change a node's name, households and residents (administrators)",
            description = "Null households or residents mean not recorded. 400 problem details list every invalid field; "
                    + "nothing is stored then.")
    AreaNode update(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                    @RequestBody(required = false) AreaUpdateRequest request) {
        AreaUpdateRequest r = request == null ? new AreaUpdateRequest(null, null, null) : request;
        areas.updateArea(user, code, new AreaChange(r.name(), text(r.households()), text(r.residents())));
        return areas.gridTree(user, code, 0);
    }

    /** A node to add. */
    record AreaCreateRequest(String code, String name, String kind, String parentCode, Integer households, Integer residents) {
    }

    @PostMapping
    @Operation(summary = "Add a node below an existing one (administrators)",
            description = "code = parentCode + 3 digits; kind valid for the level (TOWN/STREET at 9 digits, "
                    + "VILLAGE/COMMUNITY/ENTERPRISE at 12, GROUP/COMPOUND at 15). 201 with the stored node.")
    ResponseEntity<AreaNode> create(@AuthenticationPrincipal CordonUser user,
                                    @RequestBody(required = false) AreaCreateRequest request) {
        AreaCreateRequest r = request == null ? new AreaCreateRequest(null, null, null, null, null, null) : request;
        var created = areas.createArea(user, new NewArea(r.code(), r.name(), r.kind(), r.parentCode(), text(r.households()),
                text(r.residents())));
        return ResponseEntity.created(URI.create("/api/v1/areas/tree?root=" + created.code()))
                .body(areas.gridTree(user, created.code(), 0));
    }

    /** The report of an import with localised messages. */
    record ImportResult(String fileName, boolean dryRun, int rows, int inserted, int updated, int unchanged, int rejected,
                        List<ReportView> errors, boolean errorsTruncated, List<ReportView.Skipped> skippedSheets) {
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import nodes from a CSV (UTF-8 or GB18030) or .xlsx file (administrators)",
            description = "Header code,name,parentCode,kind,households,residents (or 代码,名称,上级代码,类型,户数,人数) in the first "
                    + "10 non-blank rows of a sheet; every sheet with it is read, the others are listed in skippedSheets. "
                    + "Valid rows are inserted or updated by code, "
                    + "invalid rows are listed in errors (row, column, code, message) and not stored. dryRun=true checks only. "
                    + "An unreadable file is a 400 problem on the field file.")
    ImportResult importFile(@AuthenticationPrincipal CordonUser user, @RequestPart(name = "file", required = false) MultipartFile file,
                            @RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
        areas.jurisdictionRoot(user);
        if (!areas.mayEdit(user)) {
            throw new org.springframework.security.access.AccessDeniedException("Only administrators import the area tree");
        }
        if (file == null || file.isEmpty()) {
            throw new ValidationFailedException("file", "area.import.fileRequired");
        }
        ImportReport report;
        try (InputStream in = file.getInputStream()) {
            report = importer.importAreas(user, in, file.getOriginalFilename(), dryRun);
        }
        return new ImportResult(report.fileName(), report.dryRun(), report.rows(), report.inserted(), report.updated(),
                report.unchanged(), report.rejected(), ReportView.errors(report, importer, locale), report.rejectedRowsTruncated(),
                ReportView.skipped(report, importer, locale));
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}
