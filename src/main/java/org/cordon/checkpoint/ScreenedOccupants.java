package org.cordon.checkpoint;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cordon.shared.IdNumber;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusted hand-over of screened occupants to the modules that take the person over (the returnee
 * registry, observation), from their event listeners and use cases: full, decrypted personal data with no
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
        return Optional.ofNullable(details(List.of(occupantId)).get(occupantId));
    }

    /** Full personal data of several occupants by id, in two queries; unknown ids are left out. */
    public Map<Long, OccupantDetails> details(Collection<Long> occupantIds) {
        List<PassageRepository.StoredOccupant> rows = passages.findOccupants(new HashSet<>(occupantIds));
        Map<Long, PassageRepository.StoredPassage> byId = passages.findByIds(
                        rows.stream().map(PassageRepository.StoredOccupant::passageId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(PassageRepository.StoredPassage::id, Function.identity()));
        Map<Long, OccupantDetails> result = new LinkedHashMap<>();
        for (PassageRepository.StoredOccupant o : rows) {
            result.put(o.id(), details(o, byId.get(o.passageId())));
        }
        return result;
    }

    /**
     * The people who travelled with a person: every other occupant of each passage recorded since {@code since} in
     * which an occupant had this identity document (found by its keyed hash), oldest passage first. The person's
     * own occupant rows are left out. Three queries, however many passages.
     */
    public List<OccupantDetails> travelledWith(IdNumber id, Instant since) {
        byte[] hash = CheckpointManagement.idHash(cipher, id);
        List<Long> passageIds = passages.passagesWithOccupantHash(hash, since);
        if (passageIds.isEmpty()) {
            return List.of();
        }
        Map<Long, PassageRepository.StoredPassage> byId = passages.findByIds(passageIds).stream()
                .collect(Collectors.toMap(PassageRepository.StoredPassage::id, Function.identity()));
        Map<Long, List<PassageRepository.StoredOccupant>> occupants = passages.occupantsOf(passageIds);
        Set<String> own = Set.of(id.type().name() + ":" + id.value());
        return passageIds.stream().flatMap(p -> occupants.getOrDefault(p, List.of()).stream().map(o -> details(o, byId.get(p))))
                .filter(d -> !own.contains(d.idType().name() + ":" + d.idNumber()))
                .toList();
    }

    /** The identity documents of a passage's occupants (the health code re-assesses their codes after a passage). */
    public List<IdNumber> identitiesOf(long passageId) {
        return passages.occupantsOf(List.of(passageId)).getOrDefault(passageId, List.of()).stream()
                .map(o -> new IdNumber(o.idType(), cipher.decrypt(CheckpointManagement.ID_FIELD, o.idNumberEnc()))).toList();
    }

    /** An entry into the city at a checkpoint: where from (division code) and when. */
    public record Entry(String originCode, Instant recordedAt) {
    }

    /**
     * The entries into the city at the checkpoints since {@code since} of the person with this identity document
     * (found by its keyed hash), newest first: the health code counts arrivals from elsewhere. Two queries.
     */
    public List<Entry> entriesSince(IdNumber id, Instant since) {
        List<Long> passageIds = passages.passagesWithOccupantHash(CheckpointManagement.idHash(cipher, id), since);
        if (passageIds.isEmpty()) {
            return List.of();
        }
        return passages.findByIds(passageIds).stream().filter(p -> p.direction() == Direction.ENTERING && p.originCode() != null)
                .sorted(java.util.Comparator.comparing(PassageRepository.StoredPassage::recordedAt).reversed())
                .map(p -> new Entry(p.originCode(), p.recordedAt())).toList();
    }

    private OccupantDetails details(PassageRepository.StoredOccupant o, PassageRepository.StoredPassage p) {
        return new OccupantDetails(o.id(), p.id(), o.name(), o.idType(),
                cipher.decrypt(CheckpointManagement.ID_FIELD, o.idNumberEnc()),
                cipher.decrypt(CheckpointManagement.PHONE_FIELD, o.phoneEnc()), o.temperature(), o.disposition(),
                p.originCode(), p.destinationCode(), p.plateNumber(), p.recordedAt(), p.checkpointCode());
    }
}
