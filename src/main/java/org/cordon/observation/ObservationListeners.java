package org.cordon.observation;

import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.checkpoint.FeverReferralRequired;
import org.cordon.checkpoint.OccupantDetails;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRegistered;
import org.cordon.registry.ReturneesRegistered;
import org.cordon.shared.IdNumber;
import org.cordon.shared.PhoneNumber;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reactions to other modules (after their transaction committed, from the event publication
 * registry): a registered returnee starts home observation in the destination area (once per arrival; a chunk of them
 * in a few statements, {@link ArrivalEpisodes}); a fever
 * referral at a checkpoint appears in the medical referral list (with whether the person is a risk arrival, whom
 * observation awaits after an exclusion).
 */
@Component
class ObservationListeners {

    private final EpisodeManagement episodes;
    private final ReferralManagement referrals;
    private final ScreenedOccupants occupants;
    private final RegistryManagement registry;
    private final EpisodeRepository repository;
    private final ArrivalEpisodes arrivals;

    ObservationListeners(EpisodeManagement episodes, ReferralManagement referrals, ScreenedOccupants occupants,
                         RegistryManagement registry, EpisodeRepository repository, ArrivalEpisodes arrivals) {
        this.arrivals = arrivals;
        this.registry = registry;
        this.repository = repository;
        this.episodes = episodes;
        this.referrals = referrals;
        this.occupants = occupants;
    }

    @ApplicationModuleListener
    void on(ReturneeRegistered event) {
        // a record merged meanwhile into the record of the same arrival is observed as that one
        long returnee = registry.currentReturneeId(event.returneeId()).orElse(event.returneeId());
        if (repository.episodeOfReturnee(returnee, EpisodeReason.RISK_ARRIVAL).isPresent()) {
            return; // the arrival is observed (or was) already: one arrival, one episode
        }
        episodes.startEpisode(event.personId(), returnee, EpisodeKind.HOME, null, event.destinationCode(),
                EpisodeReason.RISK_ARRIVAL, event.arrivedOn(), event.responsibleUsername(), "returnee:" + event.returneeId());
    }

    /** A chunk of returnees (a roster import's): their episodes in a few statements, as above for each. */
    @ApplicationModuleListener
    void on(ReturneesRegistered event) {
        arrivals.start(event.returnees());
    }

    @ApplicationModuleListener
    void on(FeverReferralRequired event) {
        OccupantDetails o = occupants.details(event.occupantId()).orElseThrow();
        PersonData person = new PersonData(new IdNumber(o.idType(), o.idNumber()), "", o.name(),
                o.phone() == null ? null : PhoneNumber.parse(o.phone()), null, null);
        String area = event.destinationAreaCode() != null ? event.destinationAreaCode() : event.townCode();
        referrals.referFromCheckpoint(person, area, event.recordedAt(), event.temperature(), "occupant:" + event.occupantId(),
                event.occupantId(), event.riskArrival(), event.originAreaCode());
    }
}
