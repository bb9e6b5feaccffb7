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

    /**
     * The recount from the source tables, one statement per source; each adds to the rows the
     * previous ones created ({@code :tz} is the city's time zone).
     */
    static final String[] REBUILD = {
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, passages, vehicles, disinfected)
            select p.recorded_on, extract(hour from p.recorded_at at time zone :tz)::smallint, c.town_code, p.checkpoint_code,
                   count(*), count(*) filter (where p.vehicle_type <> 'PEDESTRIAN'), count(*) filter (where p.disinfected)
            from passage p join checkpoint c on c.code = p.checkpoint_code
            group by 1, 2, 3, 4""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, people, fever_referrals, risk_arrivals)
            select p.recorded_on, extract(hour from p.recorded_at at time zone :tz)::smallint, c.town_code, p.checkpoint_code,
                   count(*), count(*) filter (where o.disposition = 'FEVER_REFERRAL'),
                   count(*) filter (where o.disposition = 'HOME_OBSERVATION')
            from occupant o join passage p on p.id = o.passage_id join checkpoint c on c.code = p.checkpoint_code
            group by 1, 2, 3, 4
            on conflict (day, hour, area_code, checkpoint_code) do update set people = dash_daily.people + excluded.people,
              fever_referrals = dash_daily.fever_referrals + excluded.fever_referrals,
              risk_arrivals = dash_daily.risk_arrivals + excluded.risk_arrivals""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, returnees)
            select arrived_on, 0, destination_code, '', count(*) from returnee where status <> 'UNVERIFIED' group by 1, 3
            on conflict (day, hour, area_code, checkpoint_code) do update set returnees = dash_daily.returnees + excluded.returnees""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, episodes_started)
            select start_date, 0, area_code, '', count(*) from observation_episode group by 1, 3
            on conflict (day, hour, area_code, checkpoint_code) do update
              set episodes_started = dash_daily.episodes_started + excluded.episodes_started""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, episodes_released, episodes_isolated, episodes_confirmed)
            select ended_on, 0, area_code, '', count(*) filter (where status = 'RELEASED'),
                   count(*) filter (where status = 'ISOLATED'), count(*) filter (where status = 'CONFIRMED')
            from observation_episode where ended_on is not null and status in ('RELEASED', 'ISOLATED', 'CONFIRMED') group by 1, 3
            on conflict (day, hour, area_code, checkpoint_code) do update
              set episodes_released = dash_daily.episodes_released + excluded.episodes_released,
                  episodes_isolated = dash_daily.episodes_isolated + excluded.episodes_isolated,
                  episodes_confirmed = dash_daily.episodes_confirmed + excluded.episodes_confirmed""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, checks_missed, checks_abnormal)
            select k.check_date, 0, e.area_code, '', count(*) filter (where k.missed), count(*) filter (where k.abnormal)
            from observation_check k join observation_episode e on e.id = k.episode_id
            where k.missed or k.abnormal group by 1, 3
            on conflict (day, hour, area_code, checkpoint_code) do update
              set checks_missed = dash_daily.checks_missed + excluded.checks_missed,
                  checks_abnormal = dash_daily.checks_abnormal + excluded.checks_abnormal""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, outcome_excluded, outcome_suspected, outcome_confirmed)
            select (outcome_at at time zone :tz)::date, 0, area_code, '', count(*) filter (where outcome = 'EXCLUDED'),
                   count(*) filter (where outcome = 'SUSPECTED'), count(*) filter (where outcome = 'CONFIRMED')
            from referral where outcome is not null and outcome_at is not null group by 1, 3
            on conflict (day, hour, area_code, checkpoint_code) do update
              set outcome_excluded = dash_daily.outcome_excluded + excluded.outcome_excluded,
                  outcome_suspected = dash_daily.outcome_suspected + excluded.outcome_suspected,
                  outcome_confirmed = dash_daily.outcome_confirmed + excluded.outcome_confirmed""",
            """
            insert into dash_daily(day, hour, area_code, checkpoint_code, donations, donation_amount)
            select received_on, 0, (select code from area where parent_code is null order by code limit 1), '',
                   count(*), coalesce(sum(amount), 0)
            from donation group by 1
            on conflict (day, hour, area_code, checkpoint_code) do update
              set donations = dash_daily.donations + excluded.donations,
                  donation_amount = dash_daily.donation_amount + excluded.donation_amount"""
    };

    private DashboardSql() {
    }
}
