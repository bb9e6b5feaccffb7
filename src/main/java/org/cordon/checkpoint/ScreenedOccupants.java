package org.cordon.checkpoint;

import java.util.Optional;

import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusted hand-over of screened occupants to the modules that take the person over (the returnee
 * registry, observation), from their event listeners: full, decrypted personal data with no
 * jurisdiction check and no audit. Deliberately not on {@link CheckpointManagement}, the API that
 * pages and controllers use; a test keeps web code from depending on it.
 */
@Component
@Transactional(readOnly = true)
public class ScreenedOccupants {

    private final PassageRepository passages;
    private final PersonalDataCipher cipher;

    ScreenedOccupants(PassageRepository passages, PersonalDataCipher cipher) {
        this.passages = passages;
        this.cipher = cipher;
    }

    /** Full personal data of an occupant; empty when there is no such occupant. */
    public Optional<OccupantDetails> details(long occupantId) {
        return passages.findOccupant(occupantId).map(o -> {
            PassageRepository.StoredPassage p = passages.findById(o.passageId()).orElseThrow();
            return new OccupantDetails(o.id(), p.id(), o.name(), o.idType(),
                    cipher.decrypt(CheckpointManagement.ID_FIELD, o.idNumberEnc()),
                    cipher.decrypt(CheckpointManagement.PHONE_FIELD, o.phoneEnc()), o.temperature(), o.disposition(),
                    p.originCode(), p.destinationCode(), p.plateNumber(), p.recordedAt(), p.checkpointCode());
        });
    }
}
