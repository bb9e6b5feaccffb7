package org.cordon.observation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRegistered;
import org.cordon.registry.ReturneeStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The home observations of a chunk of registered returnees (a roster import's
 * {@link org.cordon.registry.ReturneesRegistered}) started in a few statements: the same episodes, with the same rules, as
 * {@link ObservationListeners} starts one by one for a single {@link ReturneeRegistered} — a record merged meanwhile is
 * observed as the record it was merged into, an arrival observed already (or whose source started an episode) gets
 * none, each started episode follows the person up in its area and puts the record under observation — and one
 * {@link ObservationsStarted} for the episodes started. Idempotent: delivering the chunk again starts nothing.
 */
@Component
class ArrivalEpisodes {

    private final EpisodeRepository repository;
    private final RegistryManagement registry;
    private final ObservationCalendar calendar;
    private final ApplicationEventPublisher events;

    ArrivalEpisodes(EpisodeRepository repository, RegistryManagement registry, ObservationCalendar calendar,
                    ApplicationEventPublisher events) {
        this.repository = repository;
        this.registry = registry;
        this.calendar = calendar;
        this.events = events;
    }

    /** Starts the episodes of the chunk not started before; returns how many were started. */
    @Transactional
    int start(List<ReturneeRegistered> registered) {
        List<Long> ids = new ArrayList<>(registered.size());
        registered.forEach(r -> ids.add(r.returneeId()));
        Map<Long, Long> current = registry.currentReturneeIds(ids);
        List<EpisodeRepository.ArrivalStart> starts = new ArrayList<>(registered.size());
        Set<Long> records = new HashSet<>();
        for (ReturneeRegistered r : registered) {
            long record = current.getOrDefault(r.returneeId(), r.returneeId());
            if (!records.add(record)) {
                continue; // two registrations merged into one record: one arrival, one episode
            }
            starts.add(new EpisodeRepository.ArrivalStart(r.personId(), record, r.destinationCode(), r.arrivedOn(),
                    r.arrivedOn().plusDays(calendar.days()), r.responsibleUsername(), "returnee:" + r.returneeId()));
        }
        List<EpisodeRepository.ArrivalStarted> started = repository.insertArrivalEpisodes(starts);
        if (started.isEmpty()) {
            return 0;
        }
        List<Long> persons = new ArrayList<>(started.size());
        List<String> areas = new ArrayList<>(started.size());
        List<Long> observed = new ArrayList<>(started.size());
        List<ObservationStarted> published = new ArrayList<>(started.size());
        for (EpisodeRepository.ArrivalStarted e : started) {
            persons.add(e.personId());
            areas.add(e.areaCode());
            observed.add(e.returneeId());
            published.add(new ObservationStarted(e.id(), e.personId(), e.areaCode(), EpisodeKind.HOME, EpisodeReason.RISK_ARRIVAL,
                    e.start(), e.plannedEnd()));
        }
        registry.followedUpIn(persons, areas);
        registry.updateReturneeStatuses(observed, ReturneeStatus.UNDER_OBSERVATION);
        events.publishEvent(new ObservationsStarted(published));
        return started.size();
    }
}
