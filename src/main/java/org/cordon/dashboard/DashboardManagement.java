package org.cordon.dashboard;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.shared.CordonSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's public API. Every figure is read from the read models ({@code dash_daily}) and, for the
 * small live figures (open directives, key-item stock, active volunteers), from the owning modules' APIs — never
 * from another module's tables —
 * so the cost of a request does not grow with the number of passages, occupants or checks.
 *
 * <p>Jurisdiction: an area must lie inside the caller's area subtree (the city for the commander and
 * administrators, a town for town staff, a village for grid workers); otherwise
 * {@link AccessDeniedException}. Accounts without an area (checkpoint officers) see no dashboard.
 */
@Service
public class DashboardManagement {

    /** Roles that may open the dashboard and the daily report. */

    private final JdbcClient jdbc;
    private final AreaManagement areas;
    private final CheckpointManagement checkpoints;
    private final CordonSettings settings;
    private final Clock clock;
    private final org.cordon.registry.RegistryManagement registry;
    private final org.cordon.observation.VillageReportManagement observationFigures;
    private final org.cordon.command.CommandManagement commands;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final org.cordon.supplies.StockManagement stockManagement;
    private final org.cordon.supplies.DonationManagement donationManagement;
    private final org.cordon.mobilization.VolunteerManagement volunteering;

    DashboardManagement(JdbcClient jdbc, AreaManagement areas, CheckpointManagement checkpoints, CordonSettings settings,
                        Clock clock, org.cordon.registry.RegistryManagement registry, org.cordon.observation.VillageReportManagement observationFigures,
                        org.cordon.command.CommandManagement commands, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate,
                        org.cordon.supplies.StockManagement stockManagement, org.cordon.supplies.DonationManagement donationManagement,
                        org.cordon.mobilization.VolunteerManagement volunteering) {
        this.stockManagement = stockManagement;
        this.donationManagement = donationManagement;
        this.volunteering = volunteering;
        this.registry = registry;
        this.observationFigures = observationFigures;
        this.commands = commands;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.areas = areas;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sums of the fact counters over some days of an area subtree. */
    public record Counts(long passages, long vehicles, long people, long disinfected, long feverReferrals,
                         long riskArrivals, long returnees, long episodesStarted, long episodesReleased,
                         long episodesIsolated, long episodesConfirmed, long checksMissed, long checksAbnormal,
                         long outcomeExcluded, long outcomeSuspected, long outcomeConfirmed, long donations,
                         BigDecimal donationAmount, long isolationsStarted, long isolationsReleased, long isolationsConfirmed,
                         long casesConfirmed) {

        static Counts of(ResultSet rs, int first) throws SQLException {
            return new Counts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                    rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6), rs.getLong(first + 7),
                    rs.getLong(first + 8), rs.getLong(first + 9), rs.getLong(first + 10), rs.getLong(first + 11),
                    rs.getLong(first + 12), rs.getLong(first + 13), rs.getLong(first + 14), rs.getLong(first + 15),
                    rs.getLong(first + 16), rs.getBigDecimal(first + 17), rs.getLong(first + 18), rs.getLong(first + 19),
                    rs.getLong(first + 20), rs.getLong(first + 21));
        }

        /** These counts with the donation figures replaced (a town's view shows the city-wide ones). */
        Counts withDonations(long count, BigDecimal amount) {
            return new Counts(passages, vehicles, people, disinfected, feverReferrals, riskArrivals, returnees, episodesStarted,
                    episodesReleased, episodesIsolated, episodesConfirmed, checksMissed, checksAbnormal, outcomeExcluded,
                    outcomeSuspected, outcomeConfirmed, count, amount, isolationsStarted, isolationsReleased, isolationsConfirmed,
                    casesConfirmed);
        }

        /** Episodes that ended (released, isolated or confirmed). */
        public long episodesEnded() {
            return episodesReleased + episodesIsolated + episodesConfirmed;
        }
    }

    /**
     * Stock of a key item (city-wide) and how many days it lasts at the average daily dispatch of the
     * last 7 days.
     *
     * @param daysOfCover null when nothing was dispatched in the last 7 days
     */
    public record StockCover(String itemCode, String itemName, String unit, BigDecimal balance, BigDecimal dailyUse,
                             BigDecimal daysOfCover, boolean low) {
    }

    /**
     * Today's figures of an area (see the list); {@code day} holds the day's fact sums.
     *
     * @param inIsolation suspected cases in isolation at the end of the day
     * @param casesTotal  cases confirmed up to the day
     */
    public record Figures(String areaCode, String areaName, boolean city, LocalDate date, Counts day,
                          long underObservation, long directivesOpen, long directivesOverdue, long activeVolunteers,
                          List<StockCover> stock, long inIsolation, long casesTotal) {
    }

    /** One day of the trend chart. */
    public record TrendDay(LocalDate date, long passages, long people, long feverReferrals, long riskArrivals,
                           long episodesStarted, long episodesEnded, long checksMissed, long checksAbnormal) {
    }

    /** A row of a breakdown (per child area or per checkpoint) for one day. */
    public record BreakdownRow(String code, String name, long passages, long people, long feverReferrals,
                               long riskArrivals, long episodesStarted, long checksMissed, long checksAbnormal) {

        BreakdownRow withName(String newName) {
            return new BreakdownRow(code, newName, passages, people, feverReferrals, riskArrivals, episodesStarted,
                    checksMissed, checksAbnormal);
        }
    }

    /** Breakdowns of one day: per child area and per checkpoint in the area. */
    public record Breakdown(LocalDate date, List<BreakdownRow> areas, List<BreakdownRow> checkpoints) {
    }

    /** One stage of the observation funnel. */
    public record FunnelStage(String key, long value) {
    }

    /** A line of the daily report: message key and value (an integer or an amount). */
    public record ReportLine(String key, Number value, boolean cutoffApplies) {
    }

    /**
     * One row of the daily report's table per town (or, below the city, per child area): the same figures as the
     * report's lines for that area, to the same cut-off; {@code total} is the area of the report itself.
     */
    public record AreaRow(String areaCode, String areaName, boolean total, long passages, long people, long feverReferrals,
                          long riskArrivals, long returnees, long underObservation, long episodesStarted, long episodesReleased,
                          long checksMissed, long checksAbnormal, long casesConfirmed) {

        /** The columns in order, as the report's line keys ({@code daily.*}) → value. */
        public java.util.Map<String, Long> figures() {
            java.util.Map<String, Long> f = new java.util.LinkedHashMap<>();
            f.put("daily.passages", passages);
            f.put("daily.people", people);
            f.put("daily.feverReferrals", feverReferrals);
            f.put("daily.riskArrivals", riskArrivals);
            f.put("daily.returnees", returnees);
            f.put("daily.underObservation", underObservation);
            f.put("daily.episodesStarted", episodesStarted);
            f.put("daily.episodesReleased", episodesReleased);
            f.put("daily.checksMissed", checksMissed);
            f.put("daily.checksAbnormal", checksAbnormal);
            f.put("daily.casesConfirmed", casesConfirmed);
            return f;
        }
    }

    /**
     * The daily report's figures per child area of the report's area (the towns and street offices of the city), in
     * code order, then the area's own total — two grouped queries whatever the number of towns.
     *
     * @param cutoff null: the whole day
     */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public List<AreaRow> dailyReportByArea(CordonUser user, String area, LocalDate date, LocalTime cutoff) {
        String code = resolveArea(user, area);
        LocalDate day = date == null ? today() : date;
        int hour = cutoff == null ? 24 : cutoff.getHour();
        // a join of two columns, no typed input: a prefix test without wildcards (the area codes nest, 610881106 → 610881106201)
        Map<String, Long> observing = new java.util.HashMap<>();
        jdbc.sql("""
                        select c.code, coalesce(sum(d.episodes_started - d.episodes_released - d.episodes_isolated - d.episodes_confirmed), 0)
                        from area c left join dash_daily d on starts_with(d.area_code, c.code) and d.day <= ? and d.checkpoint_code = ''
                        where c.parent_code = ? group by c.code""")
                .params(day, code).query((rs, n) -> observing.put(rs.getString(1), rs.getLong(2))).list();
        List<AreaRow> rows = new java.util.ArrayList<>(jdbc.sql("select c.code, c.name, " + DashboardSql.SUMS + """
                         from area c left join dash_daily d on starts_with(d.area_code, c.code) and d.day = ?
                           and (d.hour < ? or d.checkpoint_code = '')
                        where c.parent_code = ? group by c.code, c.name order by c.code""")
                .params(day, hour, code)
                .query((rs, n) -> row(rs.getString(1), rs.getString(2), false, Counts.of(rs, 3), observing.getOrDefault(rs.getString(1), 0L)))
                .list());
        rows.add(row(code, areaName(code), true, sums(code, day, day, hour), underObservation(code, day)));
        return rows;
    }

    private static AreaRow row(String code, String name, boolean total, Counts c, long observing) {
        return new AreaRow(code, name, total, c.passages(), c.people(), c.feverReferrals(), c.riskArrivals(), c.returnees(), observing,
                c.episodesStarted(), c.episodesReleased(), c.checksMissed(), c.checksAbnormal(), c.casesConfirmed());
    }

    /**
     * The daily report (疫情防控日报) of an area for a day up to a cut-off: the page and the Excel file
     * both render exactly these lines.
     *
     * @param cutoffHour facts with an hour (checkpoint figures) count when recorded before this full hour
     *                   (24 = the whole day); date-only facts count for the whole day
     */
    public record DailyReport(String areaCode, String areaName, LocalDate date, int cutoffHour, Instant generatedAt,
                              List<ReportLine> lines) {

        /** The cut-off as HH:mm. */
        public String cutoff() {
            return String.format("%02d:00", cutoffHour);
        }
    }

    /** Result of a rebuild. */
    public record RebuildResult(int rows, long millis) {
    }

    /** Today's date in the city's time zone. */
    @SystemOperation
    public LocalDate today() {
        return settings.today(clock);
    }

    /**
     * The area the caller asks for, checked against the jurisdiction.
     *
     * @param area null or blank: the root of the caller's jurisdiction
     * @throws AccessDeniedException outside the jurisdiction, or for roles without a dashboard
     */
    @RequiresPermission(Permission.DASHBOARD_READ)
    public String resolveArea(CordonUser user, String area) {
        if (!RolePermissions.may(user, Permission.DASHBOARD_READ)) {
            throw new AccessDeniedException("The dashboard is for the command centre, town staff, grid workers and medics");
        }
        String root = areas.jurisdictionRoot(user);
        String code = area == null || area.isBlank() ? root : area.trim();
        if (!AreaScope.subtree(root).covers(code)) {
            throw new AccessDeniedException("Area " + code + " is outside the jurisdiction of " + user);
        }
        return code;
    }


    private String areaName(String code) {
        return areas.areaNames(List.of(code)).getOrDefault(code, code);
    }

    private boolean isCity(String code) {
        return code.equals(jdbc.sql(DashboardSql.CITY_CODE).query(String.class).single());
    }

    /**
     * The counters of an area's subtree. Donations are recorded for the city (they have no town), so a town's or
     * village's counts carry the city-wide donation figures, as the README promises — without this a town showed 0
     * donations while the city showed them.
     */
    private Counts sums(String area, LocalDate from, LocalDate to, int cutoffHour) {
        Counts counts = subtreeSums(area, from, to, cutoffHour);
        String city = jdbc.sql(DashboardSql.CITY_CODE).query(String.class).single();
        if (area.equals(city)) {
            return counts;
        }
        Counts cityWide = subtreeSums(city, from, to, cutoffHour);
        return counts.withDonations(cityWide.donations(), cityWide.donationAmount());
    }

    private Counts subtreeSums(String area, LocalDate from, LocalDate to, int cutoffHour) {
        // facts with an hour (checkpoint) honour the cut-off on the last day; date-only ones use hour 0 and the
        // day's checkpoint_code '' — they are kept whole by counting hour 0 rows without checkpoint regardless
        return jdbc.sql("select " + DashboardSql.SUMS + " from dash_daily where day between ? and ? and " + AreaScope.subtree(area).condition("area_code")
                        + " and (day < ? or hour < ? or checkpoint_code = '')")
                .params(from, to, AreaScope.subtree(area).pattern(), to, cutoffHour)
                .query((rs, n) -> Counts.of(rs, 1)).single();
    }

    /** Open isolations at the end of {@code date}: isolations started minus those ended, over all days up to it. */
    private long inIsolation(String area, LocalDate date) {
        return jdbc.sql("""
                        select coalesce(sum(isolations_started - isolations_released - isolations_confirmed), 0)
                        from dash_daily where\s""" + AreaScope.subtree(area).condition("area_code") + " and day <= ? and checkpoint_code = ''")
                .params(AreaScope.subtree(area).pattern(), date).query(Long.class).single();
    }

    /** Cases confirmed up to {@code date}. */
    private long casesTotal(String area, LocalDate date) {
        return jdbc.sql("select coalesce(sum(cases_confirmed), 0) from dash_daily where " + AreaScope.subtree(area).condition("area_code")
                        + " and day <= ? and checkpoint_code = ''")
                .params(AreaScope.subtree(area).pattern(), date).query(Long.class).single();
    }

    private long underObservation(String area, LocalDate date) {
        return jdbc.sql("""
                        select coalesce(sum(episodes_started - episodes_released - episodes_isolated - episodes_confirmed), 0)
                        from dash_daily where\s""" + AreaScope.subtree(area).condition("area_code") + " and day <= ? and checkpoint_code = ''")
                .params(AreaScope.subtree(area).pattern(), date).query(Long.class).single();
    }

    /**
     * Today's figures (or another day's) for an area.
     *
     * @param area null: the caller's jurisdiction root
     * @param date null: today
     */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public Figures figures(CordonUser user, String area, LocalDate date) {
        String code = resolveArea(user, area);
        LocalDate day = date == null ? today() : date;
        boolean city = isCity(code);
        Counts counts = sums(code, day, day, 24);
        long[] directives = directives(code, city);
        long volunteers = volunteering.activeVolunteers(city ? null : code);
        return new Figures(code, areaName(code), city, day, counts, underObservation(code, day), directives[0],
                directives[1], volunteers, stock(), inIsolation(code, day), casesTotal(code, day));
    }

    private long[] directives(String code, boolean city) {
        org.cordon.command.CommandManagement.OpenDirectives open = commands.openDirectives(city ? null : code);
        return new long[] {open.open(), open.overdue()};
    }

    /** Key items with their city-wide balance and days of cover at the last 7 days' average dispatch. */
    List<StockCover> stock() {
        return stockManagement.keyItemStock(clock.instant().minus(java.time.Duration.ofDays(7))).stream().map(k -> {
            BigDecimal perDay = k.dispatchedSince().divide(BigDecimal.valueOf(7), 2, RoundingMode.HALF_UP);
            BigDecimal cover = perDay.signum() > 0 ? k.balance().divide(perDay, 1, RoundingMode.HALF_UP) : null;
            return new StockCover(k.code(), k.name(), k.unit(), k.balance(), perDay, cover, k.balance().compareTo(k.lowStock()) < 0);
        }).toList();
    }

    /**
     * Daily trend of the last {@code days} days up to {@code date} (oldest first, every day present).
     *
     * @param days 1..90
     */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public List<TrendDay> trends(CordonUser user, String area, LocalDate date, int days) {
        String code = resolveArea(user, area);
        LocalDate to = date == null ? today() : date;
        int n = Math.max(1, Math.min(days, 90));
        LocalDate from = to.minusDays(n - 1L);
        Map<LocalDate, TrendDay> byDay = new HashMap<>();
        jdbc.sql("""
                        select day, sum(passages), sum(people), sum(fever_referrals), sum(risk_arrivals), sum(episodes_started),
                               sum(episodes_released + episodes_isolated + episodes_confirmed), sum(checks_missed), sum(checks_abnormal)
                        from dash_daily where day between ? and ? and\s""" + AreaScope.subtree(code).condition("area_code") + " group by day")
                .params(from, to, AreaScope.subtree(code).pattern())
                .query((rs, i) -> new TrendDay(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .list().forEach(t -> byDay.put(t.date(), t));
        List<TrendDay> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(byDay.getOrDefault(d, new TrendDay(d, 0, 0, 0, 0, 0, 0, 0, 0)));
        }
        return out;
    }

    /** One day's figures per child area (town, village, group) and per checkpoint inside the area. */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public Breakdown breakdown(CordonUser user, String area, LocalDate date) {
        String code = resolveArea(user, area);
        LocalDate day = date == null ? today() : date;
        int childLength = code.length() + 3;
        List<BreakdownRow> perArea = new ArrayList<>();
        if (childLength <= 15) {
            perArea = jdbc.sql("""
                            select substr(area_code, 1, ?) c, sum(passages), sum(people), sum(fever_referrals), sum(risk_arrivals),
                                   sum(episodes_started), sum(checks_missed), sum(checks_abnormal)
                            from dash_daily where day = ? and\s""" + AreaScope.subtree(code).condition("area_code") + " and length(area_code) >= ? group by c order by c")
                    .params(childLength, day, AreaScope.subtree(code).pattern(), childLength).query(DashboardManagement::row).list();
            Map<String, String> names = areas.areaNames(perArea.stream().map(BreakdownRow::code).toList());
            perArea = perArea.stream().map(r -> r.withName(names.getOrDefault(r.code(), r.code()))).toList();
        }
        Map<String, String> checkpointNames = checkpoints.visibleCheckpoints(user).stream()
                .collect(Collectors.toMap(Checkpoint::code, Checkpoint::name, (a, b) -> a));
        List<BreakdownRow> perCheckpoint = jdbc.sql("""
                        select checkpoint_code, sum(passages), sum(people), sum(fever_referrals), sum(risk_arrivals),
                               sum(episodes_started), sum(checks_missed), sum(checks_abnormal)
                        from dash_daily where day = ? and\s""" + AreaScope.subtree(code).condition("area_code") + """
                         and checkpoint_code <> ''
                        group by checkpoint_code order by checkpoint_code""")
                .params(day, AreaScope.subtree(code).pattern()).query(DashboardManagement::row).list().stream()
                .map(r -> r.withName(checkpointNames.getOrDefault(r.code(), r.code()))).toList();
        return new Breakdown(day, perArea, perCheckpoint);
    }

    private static BreakdownRow row(ResultSet rs, int n) throws SQLException {
        return new BreakdownRow(rs.getString(1), rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
    }

    /**
     * The observation funnel over the last {@code days} days up to {@code date}: returnees registered,
     * observation started, referred (abnormal checks), released, isolated or confirmed.
     */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public List<FunnelStage> funnel(CordonUser user, String area, LocalDate date, int days) {
        String code = resolveArea(user, area);
        LocalDate to = date == null ? today() : date;
        Counts c = sums(code, to.minusDays(Math.max(1, Math.min(days, 90)) - 1L), to, 24);
        return List.of(new FunnelStage("registered", c.returnees()), new FunnelStage("observing", c.episodesStarted()),
                new FunnelStage("referred", c.checksAbnormal()), new FunnelStage("released", c.episodesReleased()),
                // isolated, or confirmed without an isolation before: each person once
                new FunnelStage("confirmed", c.isolationsStarted() + c.casesConfirmed() - c.isolationsConfirmed()));
    }

    /**
     * The standard daily figures of an area for a day up to a cut-off time (city time zone). The
     * cut-off is applied at full hours (16:30 counts up to 16:00) to checkpoint figures; observation,
     * returnee, referral and donation figures are kept per day and count for the whole day.
     *
     * @param cutoff null: the whole day
     */
    @org.cordon.shared.cluster.ReplicaReads
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.DASHBOARD_READ)
    public DailyReport dailyReport(CordonUser user, String area, LocalDate date, LocalTime cutoff) {
        String code = resolveArea(user, area);
        LocalDate day = date == null ? today() : date;
        int hour = cutoff == null ? 24 : cutoff.getHour();
        Counts c = sums(code, day, day, hour);
        List<ReportLine> lines = List.of(
                new ReportLine("daily.passages", c.passages(), true), new ReportLine("daily.vehicles", c.vehicles(), true),
                new ReportLine("daily.people", c.people(), true), new ReportLine("daily.disinfected", c.disinfected(), true),
                new ReportLine("daily.feverReferrals", c.feverReferrals(), true),
                new ReportLine("daily.riskArrivals", c.riskArrivals(), true),
                new ReportLine("daily.returnees", c.returnees(), false),
                new ReportLine("daily.underObservation", underObservation(code, day), false),
                new ReportLine("daily.episodesStarted", c.episodesStarted(), false),
                new ReportLine("daily.episodesReleased", c.episodesReleased(), false),
                new ReportLine("daily.checksMissed", c.checksMissed(), false),
                new ReportLine("daily.checksAbnormal", c.checksAbnormal(), false),
                new ReportLine("daily.outcomeExcluded", c.outcomeExcluded(), false),
                new ReportLine("daily.outcomeSuspected", c.outcomeSuspected(), false),
                new ReportLine("daily.outcomeConfirmed", c.outcomeConfirmed(), false),
                // the referral chain's records: isolations (one per suspected outcome) and cases
                new ReportLine("daily.isolationsStarted", c.isolationsStarted(), false),
                new ReportLine("daily.isolationsReleased", c.isolationsReleased(), false),
                new ReportLine("daily.inIsolation", inIsolation(code, day), false),
                new ReportLine("daily.casesConfirmed", c.casesConfirmed(), false),
                new ReportLine("daily.casesTotal", casesTotal(code, day), false),
                new ReportLine("daily.donations", c.donations(), false),
                new ReportLine("daily.donationAmount", c.donationAmount(), false));
        return new DailyReport(code, areaName(code), day, hour, clock.instant(), lines);
    }

    /**
     * Recomputes every read model from the source tables in one transaction (administrators only).
     * Listeners wait for it (the fact table is locked). Events already applied stay recorded, so a
     * redelivered old event does not count twice.
     *
     * @throws AccessDeniedException for anyone but an administrator
     */
    @Transactional
    @RequiresPermission(Permission.DASHBOARD_REBUILD)
    public RebuildResult rebuild(CordonUser user) {
        if (!RolePermissions.may(user, Permission.DASHBOARD_REBUILD)) {
            throw new AccessDeniedException("Only administrators rebuild the dashboard");
        }
        return rebuild(user.getUsername());
    }

    /** The rebuild itself, for the benchmark and tests (no caller check). */
    @Transactional
    @SystemOperation
    public RebuildResult rebuild(String username) {
        long start = System.nanoTime();
        jdbc.sql("lock table dash_daily in exclusive mode").update();
        jdbc.sql("delete from dash_daily").update();
        // the sources' own counts, through their modules' APIs (no detail table is read here)
        add(new String[] {"passages", "vehicles", "disinfected", "people", "fever_referrals", "risk_arrivals"},
                checkpoints.passageTallies().stream().map(t -> new Object[] {t.day(), t.hour(), t.townCode(), t.checkpointCode(),
                        t.passages(), t.vehicles(), t.disinfected(), t.people(), t.feverReferrals(), t.riskArrivals()}).toList());
        add(new String[] {"returnees"}, registry.arrivalTallies().stream()
                .map(t -> new Object[] {t.day(), 0, t.areaCode(), "", t.returnees()}).toList());
        add(new String[] {"episodes_started", "episodes_released", "episodes_isolated", "episodes_confirmed", "checks_missed",
                        "checks_abnormal", "outcome_excluded", "outcome_suspected", "outcome_confirmed", "isolations_started",
                        "isolations_released", "isolations_confirmed", "cases_confirmed"},
                observationFigures.tallies().stream().map(t -> new Object[] {t.day(), 0, t.areaCode(), "", t.started(), t.released(),
                        t.isolated(), t.confirmed(), t.checksMissed(), t.checksAbnormal(), t.outcomeExcluded(), t.outcomeSuspected(),
                        t.outcomeConfirmed(), t.isolationsStarted(), t.isolationsReleased(), t.isolationsConfirmed(),
                        t.casesConfirmed()}).toList());
        String city = jdbc.sql(DashboardSql.CITY_CODE).query(String.class).single();
        add(new String[] {"donations", "donation_amount"}, donationManagement.donationTallies().stream()
                .map(t -> new Object[] {t.day(), 0, city, "", t.donations(), t.amount()}).toList());
        int rows = jdbc.sql("select count(*) from dash_daily").query(Integer.class).single();
        long millis = (System.nanoTime() - start) / 1_000_000;
        jdbc.sql("insert into dash_rebuild(rebuilt_by, rows, millis) values (?, ?, ?)").params(username, rows, millis).update();
        return new RebuildResult(rows, millis);
    }

    /** Adds counts to the fact rows (day, hour, area, checkpoint, then the counters), creating rows that are missing. */
    private void add(String[] counters, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(DashboardSql.addTo(java.util.List.of(counters)), rows);
    }

    /** When the read models were last rebuilt, if ever. */
    @SystemOperation
    public java.util.Optional<Instant> lastRebuild() {
        return jdbc.sql("select max(rebuilt_at) from dash_rebuild").query(java.sql.Timestamp.class).optional()
                .filter(java.util.Objects::nonNull).map(java.sql.Timestamp::toInstant);
    }
}
