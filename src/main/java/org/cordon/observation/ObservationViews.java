package org.cordon.observation;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.cordon.account.PersonalValue;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.OccupantDetails;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.registry.PersonSummary;
import org.cordon.registry.RegistryManagement;
import org.springframework.stereotype.Component;

/** Episodes and referrals as shown: people masked (one batched look-up), area names, an episode's checks on detail views. */
@Component
class ObservationViews {

    private final EpisodeRepository episodes;
    private final IsolationRepository isolations;
    private final CaseRepository cases;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final ObservationCalendar calendar;
    private final ScreenedOccupants occupants;

    ObservationViews(EpisodeRepository episodes, IsolationRepository isolations, CaseRepository cases, RegistryManagement registry,
                     AreaManagement areas, ObservationCalendar calendar, ScreenedOccupants occupants) {
        this.episodes = episodes;
        this.isolations = isolations;
        this.cases = cases;
        this.registry = registry;
        this.areas = areas;
        this.calendar = calendar;
        this.occupants = occupants;
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
                r.clinic(), r.note(), r.riskArrival(), r.followUp())).toList();
    }

    List<IsolationView> isolations(List<IsolationRepository.StoredIsolation> rows, boolean withChecks) {
        Names names = names(rows, IsolationRepository.StoredIsolation::personId, IsolationRepository.StoredIsolation::areaCode);
        return rows.stream().map(i -> new IsolationView(i.id(), names.people().get(i.personId()), i.referralId(), i.episodeId(),
                i.siteId(), i.siteName(), i.areaCode(), names.areas().get(i.areaCode()), i.startedOn(), i.status(), i.endedOn(),
                i.outcomeBy(), i.outcomeNote(), i.caseId(), i.followUpEpisodeId(), i.checks(),
                withChecks ? isolations.checksOf(i.id()) : List.of())).toList();
    }

    /** The same isolation with the person as revealed. */
    IsolationView withPerson(IsolationView v, PersonSummary person) {
        return new IsolationView(v.id(), person, v.referralId(), v.episodeId(), v.siteId(), v.siteName(), v.areaCode(), v.areaName(),
                v.startedOn(), v.status(), v.endedOn(), v.outcomeBy(), v.outcomeNote(), v.caseId(), v.followUpEpisodeId(),
                v.checksRecorded(), v.checks());
    }

    /**
     * Cases as shown; with {@code withTracing} the fellow travellers (their data read from the checkpoint module in one
     * batch, masked) and the registered close contacts.
     */
    List<CaseView> cases(List<CaseRepository.StoredCase> rows, boolean withTracing) {
        Names names = names(rows, CaseRepository.StoredCase::personId, CaseRepository.StoredCase::areaCode);
        return rows.stream().map(c -> new CaseView(c.id(), names.people().get(c.personId()), c.areaCode(), names.areas().get(c.areaCode()),
                c.confirmedOn(), c.confirmedBy(), c.referralId(), c.isolationId(), c.tracingDoneAt(), c.tracingDoneBy(), c.travellers(),
                c.travellersOpen(), c.contacts(), withTracing ? travellers(c.id()) : List.of(),
                withTracing ? contacts(c.personId()) : List.of())).toList();
    }

    private List<CaseView.Traveller> travellers(long caseId) {
        List<CaseRepository.StoredTraveller> rows = cases.travellers(caseId);
        Map<Long, OccupantDetails> details = occupants.details(rows.stream().map(CaseRepository.StoredTraveller::occupantId).toList());
        Set<String> codes = new HashSet<>();
        details.values().forEach(d -> {
            if (d.destinationAreaCode() != null) {
                codes.add(d.destinationAreaCode());
            }
        });
        Map<String, String> areaNames = areas.areaNames(codes);
        List<CaseView.Traveller> result = new java.util.ArrayList<>();
        for (CaseRepository.StoredTraveller t : rows) {
            OccupantDetails d = details.get(t.occupantId());
            if (d == null) {
                continue; // the checkpoint's record is gone (retention): nothing left to show
            }
            result.add(new CaseView.Traveller(t.id(), PersonalValue.name(d.name()), PersonalValue.idNumber(d.idNumber()),
                    PersonalValue.phone(d.phone()), d.checkpointCode(), d.plateNumber(), t.travelledOn(), d.destinationAreaCode(),
                    d.destinationAreaCode() == null ? null : areaNames.get(d.destinationAreaCode()), t.contactEpisodeId(),
                    t.contactEpisodeStatus() == null ? null : EpisodeStatus.valueOf(t.contactEpisodeStatus()), t.dismissedBy(),
                    t.dismissedNote()));
        }
        return result;
    }

    private List<CaseView.Contact> contacts(long casePersonId) {
        List<CaseRepository.StoredContact> rows = cases.contacts(casePersonId);
        Names names = names(rows, CaseRepository.StoredContact::contactPersonId,
                c -> c.episodeAreaCode() == null ? "" : c.episodeAreaCode());
        return rows.stream().map(c -> new CaseView.Contact(c.id(), names.people().get(c.contactPersonId()), c.exposureDate(),
                c.episodeId(), c.episodeStatus() == null ? null : EpisodeStatus.valueOf(c.episodeStatus()), c.episodeAreaCode(),
                c.episodeAreaCode() == null ? null : names.areas().get(c.episodeAreaCode()), c.responsible())).toList();
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
