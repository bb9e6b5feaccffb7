package org.cordon.dashboard;

/** SQL shared by the listeners and the rebuild. */
final class DashboardSql {

    /** The root of the area tree (the city); donations and stock are city-wide. */
    static final String CITY_CODE = "select code from area where parent_code is null order by code limit 1";

    /** Sums of every counter of dash_daily (column order of {@link DashboardManagement.Counts}). */
    static final String SUMS = """
            coalesce(sum(passages),0), coalesce(sum(vehicles),0), coalesce(sum(people),0), coalesce(sum(disinfected),0),
            coalesce(sum(fever_referrals),0), coalesce(sum(risk_arrivals),0), coalesce(sum(returnees),0),
            coalesce(sum(episodes_started),0), coalesce(sum(episodes_released),0), coalesce(sum(episodes_isolated),0),
            coalesce(sum(episodes_confirmed),0), coalesce(sum(checks_missed),0), coalesce(sum(checks_abnormal),0),
            coalesce(sum(outcome_excluded),0), coalesce(sum(outcome_suspected),0), coalesce(sum(outcome_confirmed),0),
            coalesce(sum(donations),0), coalesce(sum(donation_amount),0),
            coalesce(sum(isolations_started),0), coalesce(sum(isolations_released),0), coalesce(sum(isolations_confirmed),0),
            coalesce(sum(cases_confirmed),0)""";

    /**
     * Adds counts to one fact row, creating it when missing: parameters day, hour, area, checkpoint, then one per
     * counter (column names are constants of this module, never input).
     */
    static String addTo(Iterable<String> counters) {
        java.util.StringJoiner cols = new java.util.StringJoiner(", ");
        java.util.StringJoiner marks = new java.util.StringJoiner(", ");
        java.util.StringJoiner sets = new java.util.StringJoiner(", ");
        counters.forEach(c -> {
            cols.add(c);
            marks.add("?");
            sets.add(c + " = dash_daily." + c + " + excluded." + c);
        });
        return "insert into dash_daily(day, hour, area_code, checkpoint_code, " + cols + ") values (?, ?, ?, ?, " + marks
                + ") on conflict (day, hour, area_code, checkpoint_code) do update set " + sets;
    }

    private DashboardSql() {
    }
}
