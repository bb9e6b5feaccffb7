package org.cordon.dashboard.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.RolePermissions;
import org.cordon.account.Permission;
import org.cordon.account.Role;
import org.cordon.dashboard.DashboardManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard page, its chart data for the page's session ({@code /dashboard/data/*}, the same
 * figures as the Basic-auth API), the daily report page and its Excel file, and the admin rebuild.
 */
@Controller
class DashboardPageController {

    private final DashboardManagement dashboard;
    private final MessageSource messages;
    private final AuditLog audit;
    private final boolean fullChartLibrary;
    private final JsonMapper json;

    /**
     * @param fullChartLibrary {@code cordon.dashboard.full-chart-library}: the page loads the whole ECharts
     *                         (dist/echarts.min.js, twice the bytes) instead of the build's bundle of the chart
     *                         modules it uses; only to measure the difference (bench/slow-network)
     */
    DashboardPageController(DashboardManagement dashboard, MessageSource messages, AuditLog audit,
                            @Value("${cordon.dashboard.full-chart-library:false}") boolean fullChartLibrary, JsonMapper json) {
        this.dashboard = dashboard;
        this.messages = messages;
        this.audit = audit;
        this.fullChartLibrary = fullChartLibrary;
        this.json = json;
    }

    @GetMapping("/dashboard")
    String page(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model,
                Locale locale) {
        DashboardManagement.Figures f = dashboard.figures(user, area, date);
        model.addAttribute("f", f);
        DashboardManagement.Breakdown breakdown = dashboard.breakdown(user, f.areaCode(), f.date());
        model.addAttribute("breakdown", breakdown);
        // the area picker: the whole jurisdiction, the area shown and its towns (or villages)
        model.addAttribute("rootArea", dashboard.resolveArea(user, null));
        // the charts' data in the page (the same as /dashboard/data/*): on a slow link they are drawn as soon as the
        // chart library has arrived, without three more round trips
        model.addAttribute("chartData", json.writeValueAsString(Map.of(
                "trends", dashboard.trends(user, f.areaCode(), f.date(), 14),
                "breakdown", breakdown,
                "funnel", dashboard.funnel(user, f.areaCode(), f.date(), 14))));
        model.addAttribute("isAdmin", RolePermissions.may(user, Permission.DASHBOARD_REBUILD));
        model.addAttribute("lastRebuild", dashboard.lastRebuild().orElse(null));
        model.addAttribute("chartLabels", chartLabels(locale));
        model.addAttribute("fullChartLibrary", fullChartLibrary);
        return "dashboard/index";
    }

    private static final List<String> CHART_KEYS = List.of("passages", "people", "feverReferrals", "riskArrivals",
            "episodesStarted", "checksAbnormal", "funnel.registered", "funnel.observing", "funnel.referred",
            "funnel.released", "funnel.confirmed");

    /** The chart labels as a JSON object for dashboard.js (key -> text in the page's language). */
    private String chartLabels(Locale locale) {
        StringBuilder json = new StringBuilder("{");
        for (String key : CHART_KEYS) {
            if (json.length() > 1) {
                json.append(',');
            }
            String text = messages.getMessage("dash.chart." + key, null, locale);
            json.append('"').append(key).append("\":\"")
                    .append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return json.append('}').toString();
    }

    @GetMapping("/dashboard/data/trends")
    @ResponseBody
    List<DashboardManagement.TrendDay> trends(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                              @RequestParam(defaultValue = "14") int days) {
        return dashboard.trends(user, area, date, days);
    }

    @GetMapping("/dashboard/data/breakdown")
    @ResponseBody
    DashboardManagement.Breakdown breakdown(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return dashboard.breakdown(user, area, date);
    }

    @GetMapping("/dashboard/data/funnel")
    @ResponseBody
    List<DashboardManagement.FunnelStage> funnel(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                 @RequestParam(defaultValue = "14") int days) {
        return dashboard.funnel(user, area, date, days);
    }

    @PostMapping("/dashboard/rebuild")
    String rebuild(@AuthenticationPrincipal CordonUser user, RedirectAttributes redirect, Locale locale) {
        DashboardManagement.RebuildResult r = dashboard.rebuild(user);
        redirect.addFlashAttribute("message", messages.getMessage("dash.rebuilt", new Object[]{r.rows(), r.millis()}, locale));
        return "redirect:/dashboard";
    }

    @GetMapping("/dashboard/daily")
    String daily(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                 @RequestParam(required = false) @DateTimeFormat(pattern = "HH:mm") LocalTime cutoff, Model model) {
        model.addAttribute("report", dashboard.dailyReport(user, area, date, cutoff));
        model.addAttribute("areaRows", dashboard.dailyReportByArea(user, area, date, cutoff));
        return "dashboard/daily";
    }

    @GetMapping("/dashboard/daily.xlsx")
    void dailyXlsx(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                   @RequestParam(required = false) @DateTimeFormat(pattern = "HH:mm") LocalTime cutoff,
                   Locale locale, HttpServletResponse response) throws IOException {
        DashboardManagement.DailyReport report = dashboard.dailyReport(user, area, date, cutoff);
        audit.record(user.getUsername(), AuditLog.Action.EXPORT, "daily-report", report.areaCode(),
                report.date() + " " + report.cutoff());
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"daily-report-" + report.areaCode() + "-"
                + report.date() + ".xlsx\"");
        DailyReportXlsx.write(report, dashboard.dailyReportByArea(user, area, date, cutoff), messages, locale, response.getOutputStream());
    }
}
