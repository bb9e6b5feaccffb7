package org.cordon.dashboard.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.dashboard.DashboardManagement;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of the dashboard (HTTP Basic); the page uses the same figures through {@code /dashboard/data/*}. */
@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "Dashboard")
@SecurityRequirement(name = "basic")
class DashboardApiController {

    private final DashboardManagement dashboard;

    DashboardApiController(DashboardManagement dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    @Operation(summary = "A day's figures for an area (default: today, the caller's jurisdiction); 403 outside it")
    DashboardManagement.Figures figures(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return dashboard.figures(user, area, date);
    }

    @GetMapping("/trends")
    @Operation(summary = "Daily trend of the last `days` days (default 14) up to `date`")
    List<DashboardManagement.TrendDay> trends(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                              @RequestParam(defaultValue = "14") int days) {
        return dashboard.trends(user, area, date, days);
    }

    @GetMapping("/breakdown")
    @Operation(summary = "A day's figures per child area and per checkpoint")
    DashboardManagement.Breakdown breakdown(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return dashboard.breakdown(user, area, date);
    }

    @GetMapping("/funnel")
    @Operation(summary = "Observation funnel over the last `days` days: registered, observing, referred, released, isolated/confirmed")
    List<DashboardManagement.FunnelStage> funnel(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                 @RequestParam(defaultValue = "14") int days) {
        return dashboard.funnel(user, area, date, days);
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Recompute the read models from the source tables (administrators)")
    DashboardManagement.RebuildResult rebuild(@AuthenticationPrincipal CordonUser user) {
        return dashboard.rebuild(user);
    }
}
