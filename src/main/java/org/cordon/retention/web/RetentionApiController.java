package org.cordon.retention.web;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.retention.RetentionManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Data retention for administrators: what expires when, and running it now. */
@RestController
@RequestMapping("/api/v1/admin/retention")
@Tag(name = "Data retention")
class RetentionApiController {

    private final RetentionManagement retention;

    RetentionApiController(RetentionManagement retention) {
        this.retention = retention;
    }

    @GetMapping
    @RequiresPermission(Permission.DATA_RETENTION)
    @Operation(summary = "Stored passage months with their drop dates, persons due for anonymisation per day, settings, last runs")
    RetentionManagement.Overview overview(@AuthenticationPrincipal CordonUser user) {
        return retention.overview(user);
    }

    @PostMapping("/run")
    @RequiresPermission(Permission.DATA_RETENTION)
    @Operation(summary = "Run the expiry now: drop the months due, anonymise the persons due; one audit entry")
    RetentionManagement.RunResult run(@AuthenticationPrincipal CordonUser user) {
        return retention.runNow(user);
    }
}
