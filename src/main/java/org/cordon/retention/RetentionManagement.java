package org.cordon.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.checkpoint.PassageRetentionManagement;
import org.cordon.checkpoint.PassageRetentionManagement.DroppedMonth;
import org.cordon.checkpoint.PassageRetentionManagement.PassageMonth;
import org.cordon.observation.ObservationRetentionManagement;
import org.cordon.registry.RegistryRetentionManagement;
import org.cordon.shared.CordonSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Data retention: what expires when, and the run that expires it. A run (daily by {@link RetentionJob}, or an
 * administrator's "run now")
 * <ol>
 *   <li>asks observation who is under follow-up (open episode, isolation or referral; a case whose tracing is
 *       open; a contact of such a case or with an open episode) — their data stays whatever its age;</li>
 *   <li>drops every stored passage month whose drop date (first day of the month {@code passage-months} after
 *       it) has come, keeping the passages in which a person under follow-up travelled (with their fellow
 *       travellers) until a later run finds them released; a dropped month's counts stay in the checkpoint
 *       module's archive;</li>
 *   <li>anonymises every person whose follow-up (registry: latest arrival + {@code arrival-follow-up-days};
 *       observation: latest end of an episode, isolation, referral, tracing or exposure) ended more than
 *       {@code personal-days} ago and who is not under follow-up: registry identity cleared, observation notes
 *       cleared; the records themselves (dates, areas, statuses) stay, so every figure stays;</li>
 *   <li>writes one audit entry with the counts.</li>
 * </ol>
 * Every step is idempotent (a month dropped is gone, a person anonymised is left alone), so two runs at once on
 * two nodes do the work once; the partition changes are serialised by an advisory lock in the database.
 */
@Service
public class RetentionManagement {

    private static final Logger log = LoggerFactory.getLogger(RetentionManagement.class);

    /** A stored passage month and the day it is dropped; {@code due} when a run today drops it. */
    public record MonthLine(YearMonth month, long passages, long occupants, long alerts, LocalDate dropOn, boolean due) {
    }

    /** How many persons become due for anonymisation on a day (overdue ones on today's line). */
    public record DueDay(LocalDate date, long persons) {
    }

    /** A past run, from the audit log. */
    public record Run(Instant at, String by, String detail) {
    }

    /** The settings in force, for the page and the API. */
    public record Settings(int passageMonths, int personalDays, int arrivalFollowUpDays, boolean scheduled, String schedule) {
    }

    /**
     * What expires when: the stored months with their drop dates, the passages kept for people under follow-up,
     * the persons due for anonymisation per day, how many persons are held and how many are anonymised already.
     */
    public record Overview(LocalDate today, Settings settings, List<MonthLine> months, PassageMonth kept, List<DueDay> personsDue,
                           long personsHeld, long personsAnonymised, List<Run> lastRuns) {
    }

    /** What a run did. */
    public record RunResult(List<DroppedMonth> droppedMonths, long keptPassages, long purgedKeptPassages, int personsAnonymised,
                            int notesCleared, int personsHeld) {

        /** The audit entry's detail (English, counts only: no personal data). */
        String detail() {
            StringBuilder s = new StringBuilder("months dropped: ");
            if (droppedMonths.isEmpty()) {
                s.append("none");
            }
            for (int i = 0; i < droppedMonths.size(); i++) {
                DroppedMonth m = droppedMonths.get(i);
                s.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s (%d passages, %d occupants, %d alerts)",
                        m.month(), m.passages(), m.occupants(), m.alerts()));
            }
            return s.append(String.format(Locale.ROOT, "; passages kept for follow-up: %d; kept passages deleted: %d; "
                    + "persons anonymised: %d; notes cleared: %d; persons under follow-up: %d",
                    keptPassages, purgedKeptPassages, personsAnonymised, notesCleared, personsHeld)).toString();
        }
    }

    private final PassageRetentionManagement passages;
    private final RegistryRetentionManagement registry;
    private final ObservationRetentionManagement observation;
    private final AuditLog audit;
    private final RetentionSettings settings;
    private final CordonSettings cordon;
    private final Clock clock;
    private final boolean scheduled;
    private final String schedule;

    RetentionManagement(PassageRetentionManagement passages, RegistryRetentionManagement registry,
                        ObservationRetentionManagement observation, AuditLog audit, RetentionSettings settings,
                        CordonSettings cordon, Clock clock,
                        @Value("${cordon.retention.enabled:true}") boolean scheduled,
                        @Value("${cordon.retention.cron:0 30 3 * * *}") String schedule) {
        this.passages = passages;
        this.registry = registry;
        this.observation = observation;
        this.audit = audit;
        this.settings = settings;
        this.cordon = cordon;
        this.clock = clock;
        this.scheduled = scheduled;
        this.schedule = schedule;
    }

    /** The day a stored month is dropped: the first day of the month {@code passage-months} after it. */
    LocalDate dropOn(YearMonth month) {
        return month.plusMonths(settings.passageMonths()).atDay(1);
    }

    /** What expires when (administrators). */
    @RequiresPermission(Permission.DATA_RETENTION)
    public Overview overview(CordonUser user) {
        LocalDate today = cordon.today(clock);
        List<MonthLine> months = new ArrayList<>();
        PassageMonth kept = new PassageMonth(null, 0, 0, 0);
        for (PassageMonth m : passages.months()) {
            if (m.month() == null) {
                kept = m;
            } else {
                LocalDate dropOn = dropOn(m.month());
                months.add(new MonthLine(m.month(), m.passages(), m.occupants(), m.alerts(), dropOn, !dropOn.isAfter(today)));
            }
        }
        Set<Long> held = observation.personsUnderFollowUp();
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (Map.Entry<Long, LocalDate> e : followUpEnds().entrySet()) {
            if (!held.contains(e.getKey())) {
                LocalDate due = e.getValue().plusDays(settings.personalDays() + 1L);
                byDay.merge(due.isBefore(today) ? today : due, 1L, Long::sum);
            }
        }
        List<DueDay> due = byDay.entrySet().stream().limit(60).map(e -> new DueDay(e.getKey(), e.getValue())).toList();
        List<Run> runs = audit.latest(AuditLog.Action.RETENTION_RUN, 10).stream()
                .map(e -> new Run(e.at(), e.username(), e.detail())).toList();
        return new Overview(today, settings(), months, kept, due, held.size(), registry.anonymisedCount(), runs);
    }

    /** The settings in force. */
    Settings settings() {
        return new Settings(settings.passageMonths(), settings.personalDays(), settings.arrivalFollowUpDays(), scheduled, schedule);
    }

    /** Runs the expiry now (administrators; the page's and the API's "run now"). */
    @RequiresPermission(Permission.DATA_RETENTION)
    public RunResult runNow(CordonUser user) {
        return run(user.getUsername());
    }

    /**
     * One run, as described on the class. The audit entry is written by {@code username} after the work (each step
     * commits on its own; a step that fails stops the run, and the steps done stay done and are found done next time).
     */
    @SystemOperation
    public RunResult run(String username) {
        LocalDate today = cordon.today(clock);
        Set<Long> held = observation.personsUnderFollowUp();
        List<org.cordon.shared.IdNumber> heldIds = registry.identities(held);

        List<DroppedMonth> dropped = new ArrayList<>();
        long kept = 0;
        for (PassageMonth m : passages.months()) {
            if (m.month() != null && !dropOn(m.month()).isAfter(today) && m.month().isBefore(YearMonth.from(today).minusMonths(1))) {
                var d = passages.dropMonth(m.month(), heldIds);
                if (d.isPresent()) {
                    dropped.add(d.get());
                    kept += d.get().keptPassages();
                }
            }
        }
        // passages kept by earlier runs (or stored while their month had no partition) of months no longer kept
        LocalDate firstKept = YearMonth.from(today).minusMonths(settings.passageMonths() - 1L).atDay(1);
        long purged = passages.purgeKept(firstKept, heldIds).passages();

        List<Long> due = new ArrayList<>();
        LocalDate endedBefore = today.minusDays(settings.personalDays());
        for (Map.Entry<Long, LocalDate> e : followUpEnds().entrySet()) {
            if (e.getValue().isBefore(endedBefore) && !held.contains(e.getKey())) {
                due.add(e.getKey());
            }
        }
        int anonymised = 0;
        int notes = 0;
        for (int from = 0; from < due.size(); from += settings.batchSize()) {
            List<Long> batch = due.subList(from, Math.min(due.size(), from + settings.batchSize()));
            notes += observation.clearNotes(batch);
            anonymised += registry.anonymise(batch);
        }
        RunResult result = new RunResult(dropped, kept, purged, anonymised, notes, held.size());
        audit.record(username, AuditLog.Action.RETENTION_RUN, "retention", today.toString(), result.detail());
        log.info("Data retention run by {}: {}", username, result.detail());
        return result;
    }

    /** Each person's last day of follow-up, the later of the registry's and observation's (persons not anonymised). */
    private Map<Long, LocalDate> followUpEnds() {
        String tz = cordon.timeZone().getId();
        Map<Long, LocalDate> ends = new HashMap<>(registry.followUpEnds(settings.arrivalFollowUpDays(), tz));
        observation.followUpEnds(tz).forEach((person, end) -> ends.computeIfPresent(person, (k, v) -> end.isAfter(v) ? end : v));
        return ends;
    }
}
