package org.cordon.observation;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.cordon.area.AreaManagement;
import org.cordon.registry.PersonSummary;
import org.cordon.registry.RegistryManagement;
import org.springframework.stereotype.Component;

/** Episodes and referrals as shown: people masked (one batched look-up), area names, an episode's checks on detail views. */
@Component
class ObservationViews {

    private final EpisodeRepository episodes;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final ObservationCalendar calendar;

    ObservationViews(EpisodeRepository episodes, RegistryManagement registry, AreaManagement areas, ObservationCalendar calendar) {
        this.episodes = episodes;
        this.registry = registry;
        this.areas = areas;
        this.calendar = calendar;
    }

    List<EpisodeView> episodes(List<EpisodeRepository.StoredEpisode> rows, boolean withChecks) {
        Names names = names(rows, EpisodeRepository.StoredEpisode::personId, EpisodeRepository.StoredEpisode::areaCode);
        LocalDate today = calendar.today();
        return rows.stream().map(e -> new EpisodeView(e.id(), names.people().get(e.personId()), e.returneeId(), e.kind(), e.siteId(),
                e.siteName(), e.areaCode(), names.areas().get(e.areaCode()), e.reason(), e.startDate(), e.plannedEnd(),
                e.responsibleUsername(), e.status(), e.endedOn(), e.recorded(), e.missed(), e.abnormal(),
                e.lifecycle().releasable(today), withChecks ? episodes.checksOf(e.id()) : List.of(), null)).toList();
    }

    List<ReferralView> referrals(List<ReferralRepository.StoredReferral> rows) {
        Names names = names(rows, ReferralRepository.StoredReferral::personId, ReferralRepository.StoredReferral::areaCode);
        return rows.stream().map(r -> new ReferralView(r.id(), names.people().get(r.personId()), r.episodeId(), r.source(), r.areaCode(),
                names.areas().get(r.areaCode()), r.raisedAt(), r.temperature(), r.symptoms(), r.outcome(), r.outcomeAt(), r.outcomeBy(),
                r.clinic(), r.note())).toList();
    }

    /** The people (masked) and area names of a list, each looked up once. */
    private record Names(Map<Long, PersonSummary> people, Map<String, String> areas) {
    }

    private <T> Names names(List<T> rows, ToLongFunction<T> person, Function<T, String> area) {
        Set<Long> personIds = new HashSet<>();
        Set<String> areaCodes = new HashSet<>();
        for (T row : rows) {
            personIds.add(person.applyAsLong(row));
            areaCodes.add(area.apply(row));
        }
        return new Names(registry.summaries(personIds), areas.areaNames(areaCodes));
    }
}
