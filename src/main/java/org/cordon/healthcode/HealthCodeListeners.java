package org.cordon.healthcode;

import org.cordon.checkpoint.Direction;
import org.cordon.checkpoint.PassageRegistered;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.observation.CaseConfirmed;
import org.cordon.observation.IsolationEnded;
import org.cordon.observation.IsolationStarted;
import org.cordon.observation.ObservationEnded;
import org.cordon.observation.ObservationStarted;
import org.cordon.observation.ObservationsStarted;
import org.cordon.observation.ReferralOutcomeRecorded;
import org.cordon.observation.ReferralRaised;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRegistered;
import org.cordon.registry.ReturneesRegistered;
import org.cordon.shared.IdNumber;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * A change of what the platform knows about a person re-assesses their code at once (after the change committed,
 * from the event publication registry, so a crash retries it): a changed colour revokes the old code, and offline
 * verifiers learn it from the revocation list, not when the holder next opens the code. Colours that only time
 * changes (14 days after an arrival) are re-assessed every 15 minutes (those assessed over an hour ago).
 */
@Component
class HealthCodeListeners {

    private final HealthCodeManagement codes;
    private final ScreenedOccupants occupants;
    private final RegistryManagement registry;

    HealthCodeListeners(HealthCodeManagement codes, ScreenedOccupants occupants, RegistryManagement registry) {
        this.codes = codes;
        this.occupants = occupants;
        this.registry = registry;
    }

    @ApplicationModuleListener
    void on(ObservationStarted e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(ObservationEnded e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(ReferralRaised e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(ReferralOutcomeRecorded e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(IsolationStarted e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(IsolationEnded e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(CaseConfirmed e) {
        codes.reassessIfCoded(e.personId());
    }

    @ApplicationModuleListener
    void on(ReturneeRegistered e) {
        codes.reassessIfCoded(e.personId());
    }

    /** A chunk of started observations (a roster import's): the persons with a code among them, found in one query. */
    @ApplicationModuleListener
    void on(ObservationsStarted e) {
        codes.reassessEachIfCoded(e.started().stream().map(ObservationStarted::personId).distinct().toList());
    }

    /** A chunk of registered returnees (a roster import's), as {@link #on(ObservationsStarted)}. */
    @ApplicationModuleListener
    void on(ReturneesRegistered e) {
        codes.reassessEachIfCoded(e.returnees().stream().map(ReturneeRegistered::personId).distinct().toList());
    }

    /** A passage entering from elsewhere may change a colour (another province, a risk area). */
    @ApplicationModuleListener
    void on(PassageRegistered e) {
        if (e.direction() == Direction.ENTERING) {
            for (IdNumber id : occupants.identitiesOf(e.passageId())) {
                registry.findPerson(id, "").ifPresent(codes::reassessIfCoded);
            }
        }
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT15M")
    @SchedulerLock(name = "healthcode.reassessAged", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
    void reassessAged() {
        codes.reassessAged();
    }
}
