package org.cordon.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cordon.checkpoint.PassageRegistered;
import org.cordon.observation.CaseConfirmed;
import org.cordon.observation.CheckAbnormal;
import org.cordon.observation.CheckMissed;
import org.cordon.observation.EpisodeStatus;
import org.cordon.observation.IsolationEnded;
import org.cordon.observation.IsolationStarted;
import org.cordon.observation.IsolationStatus;
import org.cordon.observation.ObservationEnded;
import org.cordon.observation.ObservationStarted;
import org.cordon.observation.ObservationsStarted;
import org.cordon.observation.ReferralOutcomeRecorded;
import org.cordon.registry.ReturneeRegistered;
import org.cordon.registry.ReturneesRegistered;
import org.cordon.shared.CordonSettings;
import org.cordon.supplies.DonationReceived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code dash_daily} up to date from the other modules' events. Each listener runs in its own
 * transaction after the publisher committed; the event is first recorded in
 * {@code dash_applied_event} (unique per kind and source), so an event the publication registry
 * delivers again after a crash changes nothing the second time.
 */
@Component
class DashboardListeners {

    private final JdbcClient jdbc;
    private final CordonSettings settings;

    private final org.cordon.observation.ReferralManagement referrals;
    private final org.cordon.supplies.DonationManagement donations;

    DashboardListeners(JdbcClient jdbc, CordonSettings settings, org.cordon.observation.ReferralManagement referrals,
                       org.cordon.supplies.DonationManagement donations) {
        this.donations = donations;
        this.referrals = referrals;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** A passage with its fever referrals and risk arrivals, counted in one reaction (the counts travel with it). */
    @ApplicationModuleListener
    void on(PassageRegistered e) {
        if (firstTime("PASSAGE", e.passageId())) {
            ZonedDateTime at = e.recordedAt().atZone(settings.timeZone());
            add(at.toLocalDate(), at.getHour(), e.townCode(), e.checkpointCode(), counters(
                    "passages", 1, "vehicles", e.vehicle() ? 1 : 0, "people", e.occupants(),
                    "disinfected", e.disinfected() ? 1 : 0, "fever_referrals", e.feverReferralCount(),
                    "risk_arrivals", e.riskArrivalCount()));
        }
    }

    @ApplicationModuleListener
    void on(ReturneeRegistered e) {
        if (firstTime("RETURNEE", e.returneeId())) {
            add(e.arrivedOn(), 0, e.destinationCode(), "", counters("returnees", 1));
        }
    }

    @ApplicationModuleListener
    void on(ObservationStarted e) {
        if (firstTime("STARTED", e.episodeId())) {
            add(e.startDate(), 0, e.areaCode(), "", counters("episodes_started", 1));
        }
    }

    /** A chunk of returnees (a roster import's): counted as {@link #on(ReturneeRegistered)} each, in one statement. */
    @ApplicationModuleListener
    void on(ReturneesRegistered e) {
        int n = e.returnees().size();
        String[] refs = new String[n];
        String[] days = new String[n];
        String[] areas = new String[n];
        for (int i = 0; i < n; i++) {
            ReturneeRegistered r = e.returnees().get(i);
            refs[i] = String.valueOf(r.returneeId());
            days[i] = r.arrivedOn().toString();
            areas[i] = r.destinationCode();
        }
        addFirstTimes("RETURNEE", "returnees", refs, days, areas);
    }

    /** A chunk of started observations: counted as {@link #on(ObservationStarted)} each, in one statement. */
    @ApplicationModuleListener
    void on(ObservationsStarted e) {
        int n = e.started().size();
        String[] refs = new String[n];
        String[] days = new String[n];
        String[] areas = new String[n];
        for (int i = 0; i < n; i++) {
            ObservationStarted o = e.started().get(i);
            refs[i] = String.valueOf(o.episodeId());
            days[i] = o.startDate().toString();
            areas[i] = o.areaCode();
        }
        addFirstTimes("STARTED", "episodes_started", refs, days, areas);
    }

    @ApplicationModuleListener
    void on(ObservationEnded e) {
        if (firstTime("ENDED", e.episodeId())) {
            String column = e.status() == EpisodeStatus.RELEASED ? "episodes_released"
                    : e.status() == EpisodeStatus.CONFIRMED ? "episodes_confirmed" : "episodes_isolated";
            add(e.endedOn(), 0, e.areaCode(), "", counters(column, 1));
        }
    }

    @ApplicationModuleListener
    void on(CheckMissed e) {
        if (firstTime("MISSED", e.episodeId() + ":" + e.date() + ":" + e.slot())) {
            add(e.date(), 0, e.areaCode(), "", counters("checks_missed", 1));
        }
    }

    /** A missed slot recorded late no longer counts as missed (as a recount from the check table would see it). */
    @ApplicationModuleListener
    void on(org.cordon.observation.LateCheckRecorded e) {
        if (firstTime("LATE", e.episodeId() + ":" + e.date() + ":" + e.slot())) {
            add(e.date(), 0, e.areaCode(), "", counters("checks_missed", -1));
        }
    }

    @ApplicationModuleListener
    void on(CheckAbnormal e) {
        if (firstTime("ABNORMAL", e.episodeId() + ":" + e.date() + ":" + e.slot())) {
            add(e.date(), 0, e.areaCode(), "", counters("checks_abnormal", 1));
        }
    }

    @ApplicationModuleListener
    void on(ReferralOutcomeRecorded e) {
        if (firstTime("OUTCOME", e.referralId())) {
            // the event has no time; the referral's outcome time (from the observation module) decides the day
            Instant at = referrals.referralOutcomeAt(e.referralId()).orElseGet(Instant::now);
            add(at.atZone(settings.timeZone()).toLocalDate(), 0, e.areaCode(), "",
                    counters("outcome_" + e.outcome().name().toLowerCase(java.util.Locale.ROOT), 1));
        }
    }

    @ApplicationModuleListener
    void on(IsolationStarted e) {
        if (firstTime("ISOLATED", e.isolationId())) {
            add(e.startedOn(), 0, e.areaCode(), "", counters("isolations_started", 1));
        }
    }

    @ApplicationModuleListener
    void on(IsolationEnded e) {
        if (firstTime("ISOLATION_END", e.isolationId())) {
            add(e.endedOn(), 0, e.areaCode(), "", counters(e.status() == IsolationStatus.CONFIRMED ? "isolations_confirmed"
                    : "isolations_released", 1));
        }
    }

    @ApplicationModuleListener
    void on(CaseConfirmed e) {
        if (firstTime("CASE", e.caseId())) {
            add(e.confirmedOn(), 0, e.areaCode(), "", counters("cases_confirmed", 1));
        }
    }

    @ApplicationModuleListener
    void on(DonationReceived e) {
        if (firstTime("DONATION", e.donationId())) {
            // the event carries the id only; the supplies module gives day and amount
            donations.donationTally(e.donationId()).ifPresent(d -> add(d.day(), 0, cityCode(), "",
                    counters("donations", 1, "donation_amount", d.amount())));
        }
    }

    private String cityCode() {
        return jdbc.sql(DashboardSql.CITY_CODE).query(String.class).single();
    }

    private boolean firstTime(String kind, Object sourceRef) {
        return jdbc.sql("insert into dash_applied_event(kind, source_ref) values (?, ?) on conflict do nothing")
                .params(kind, String.valueOf(sourceRef)).update() == 1;
    }

    /**
     * For a chunk of events of one kind (parallel arrays: source reference, day, area), in one statement: records those
     * not applied before in {@code dash_applied_event} (as {@link #firstTime} does each) and adds 1 per such event to the
     * counter of its (day, hour 0, area) fact row. Rows are written in key order, so concurrent chunks do not deadlock.
     */
    private void addFirstTimes(String kind, String counter, String[] refs, String[] days, String[] areas) {
        jdbc.sql("""
                        with q as (select distinct on (source_ref) * from unnest(cast(:refs as text[]), cast(:days as date[]), cast(:areas as text[]))
                                   as q(source_ref, day, area_code)),
                             fresh as (insert into dash_applied_event(kind, source_ref)
                                       select :kind, source_ref from q order by source_ref
                                       on conflict do nothing returning source_ref)
                        insert into dash_daily(day, hour, area_code, checkpoint_code, COUNTER)
                        select q.day, 0, q.area_code, '', count(*) from q join fresh on fresh.source_ref = q.source_ref
                        where q.day is not null and q.area_code is not null
                        group by q.day, q.area_code order by q.day, q.area_code
                        on conflict (day, hour, area_code, checkpoint_code) do update set COUNTER = dash_daily.COUNTER + excluded.COUNTER"""
                        .replace("COUNTER", counter))
                .param("refs", refs).param("days", days).param("areas", areas).param("kind", kind).update();
    }

    private static Map<String, Number> counters(Object... pairs) {
        Map<String, Number> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Number) pairs[i + 1]);
        }
        return map;
    }

    /** Adds the deltas to one fact row (column names are constants of this class, never input). */
    private void add(LocalDate day, int hour, String area, String checkpoint, Map<String, Number> deltas) {
        if (day == null || area == null) {
            return;
        }
        Object[] params = new Object[4 + deltas.size()];
        params[0] = day;
        params[1] = hour;
        params[2] = area;
        params[3] = checkpoint;
        int i = 4;
        for (Number n : deltas.values()) {
            params[i++] = n instanceof BigDecimal ? n : n.intValue();
        }
        jdbc.sql(DashboardSql.addTo(deltas.keySet())).params(params).update();
    }
}
