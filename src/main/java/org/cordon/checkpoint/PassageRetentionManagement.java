package org.cordon.checkpoint;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cordon.account.SystemOperation;
import org.springframework.stereotype.Service;

/**
 * The checkpoint module's part of data retention: the monthly partitions of passages, occupants and alerts, and
 * dropping a month whole. A dropped month's counts per day, hour and checkpoint stay (the tallies and the daily
 * counts read them), and the passages of people still under follow-up stay too. Used by the retention job only.
 */
@Service
public class PassageRetentionManagement {

    /** A stored month with its rows; {@code month} null for the default partition (rows kept for follow-up). */
    public record PassageMonth(YearMonth month, long passages, long occupants, long alerts) {
    }

    /** What dropping a month removed, and how many of its passages were kept for people under follow-up. */
    public record DroppedMonth(YearMonth month, long passages, long occupants, long alerts, long keptPassages) {
    }

    private final PassagePartitions partitions;
    private final org.cordon.shared.crypto.PersonalDataCipher cipher;

    PassageRetentionManagement(PassagePartitions partitions, org.cordon.shared.crypto.PersonalDataCipher cipher) {
        this.partitions = partitions;
        this.cipher = cipher;
    }

    /** The occupants' keyed hashes of the documents. */
    private List<byte[]> hashes(Collection<org.cordon.shared.IdNumber> ids) {
        return ids.stream().map(id -> CheckpointManagement.idHash(cipher, id)).toList();
    }

    /** The stored months, oldest first, then the default partition. */
    @SystemOperation
    public List<PassageMonth> months() {
        return partitions.months().stream().map(m -> new PassageMonth(m.month(), m.passages(), m.occupants(), m.alerts())).toList();
    }

    /**
     * Drops the month's passages, occupants and alerts, except the passages in which someone with one of the
     * {@code held} identity documents (people under follow-up) travelled; empty when the month is not stored.
     */
    @SystemOperation
    public Optional<DroppedMonth> dropMonth(YearMonth month, Collection<org.cordon.shared.IdNumber> held) {
        return partitions.drop(month, hashes(held))
                .map(d -> new DroppedMonth(d.month(), d.passages(), d.occupants(), d.alerts(), d.heldPassages()));
    }

    /** Deletes the passages kept earlier (default partition) recorded before {@code before} whose people are no longer held. */
    @SystemOperation
    public DroppedMonth purgeKept(LocalDate before, Collection<org.cordon.shared.IdNumber> held) {
        PassagePartitions.Dropped d = partitions.purgeDefault(before, hashes(held));
        return new DroppedMonth(null, d.passages(), d.occupants(), d.alerts(), 0);
    }

    /** Creates the partitions of the coming months where missing (also done daily and at start-up). */
    @SystemOperation
    public List<YearMonth> createAhead(int months) {
        return partitions.createAhead(months);
    }
}
