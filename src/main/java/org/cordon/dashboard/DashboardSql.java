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
            coalesce(sum(donations),0), coalesce(sum(donation_amount),0)""";

    private DashboardSql() {
    }
}
