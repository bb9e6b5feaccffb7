package org.cordon.registry;

import java.time.Instant;
import java.util.List;

/**
 * Identity values that a registration (door to door, roster row, portal self-report, checkpoint
 * hand-over, close contact) reported for an already registered person and that differ from the
 * registered ones. The registration did not change the person: a user whose jurisdiction covers the
 * record confirms, adopting the reported values or keeping the registered ones. Shown only to staff
 * who may see the record; names and phones are masked unless the view is a revealed (audited) one.
 *
 * @param recordType  the kind of record that reported the values
 * @param recordId    its id (a returnee id or an observation episode id)
 * @param differences one per value that still differs; never empty
 * @param reportedBy  the account that registered the record ("self-report" for the public portal)
 */
public record ReportedIdentity(long id, RecordType recordType, long recordId, List<Difference> differences, Instant reportedAt,
                               String reportedBy) {

    /** Records that keep reported identity values. */
    public enum RecordType { RETURNEE, EPISODE }

    /** The identity values a registration may report. */
    public enum Field { NAME, PHONE, RESIDENCE, ADDRESS }

    /**
     * One differing value as shown: masked unless revealed, residences by area name.
     *
     * @param registered null when the person has no such value registered
     */
    public record Difference(Field field, String reported, String registered) {
    }
}
