/**
 * Dashboard (指挥看板): read models kept up to date by the other modules' events (facts per day,
 * hour, area and checkpoint), today's figures, 14-day trends, breakdowns per area and checkpoint,
 * the observation funnel, the daily report (疫情防控日报) as a page and an Excel file, and an admin
 * rebuild of the read models from the source tables. Only listens; no other module depends on it.
 * Public API: {@link org.cordon.dashboard.DashboardManagement}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard and daily report")
package org.cordon.dashboard;
