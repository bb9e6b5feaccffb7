package org.cordon.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cordon.account.PersonalValue;
import org.cordon.registry.PersonSummary;

/**
 * A confirmed case and its contact-tracing task (流调): the people who shared a checkpoint passage with the person in
 * the observation period before the confirmation, and the close contacts registered for them. People are masked.
 * {@code travellers} and {@code contacts} are filled on detail views only.
 *
 * @param tracingDoneAt null while the tracing is open
 * @param travellersOpen fellow travellers not yet made close contacts
 */
public record CaseView(long id, PersonSummary person, String areaCode, String areaName, LocalDate confirmedOn, String confirmedBy,
                       Long referralId, Long isolationId, Instant tracingDoneAt, String tracingDoneBy, int travellerCount,
                       int travellersOpen, int contactCount, List<Traveller> travellers, List<Contact> contacts) {

    /**
     * Someone who passed a checkpoint in the same vehicle as the case (as the checkpoint registered them, masked).
     *
     * @param destinationCode  where they were headed in the city (the picker's suggestion for their residence)
     * @param contactEpisodeId the close-contact observation made of them; null until then
     * @param dismissedBy      who judged them no close contact (with {@code dismissedNote}); null otherwise
     */
    public record Traveller(long id, PersonalValue name, PersonalValue idNumber, PersonalValue phone, String checkpointCode,
                            String plateNumber, LocalDate travelledOn, String destinationCode, String destinationName,
                            Long contactEpisodeId, EpisodeStatus contactEpisodeStatus, String dismissedBy, String dismissedNote) {

        /** Neither made a close contact nor judged none. */
        public boolean open() {
            return contactEpisodeId == null && dismissedBy == null;
        }
    }

    /** A registered close contact with their observation and who follows them up. */
    public record Contact(long id, PersonSummary person, LocalDate exposureDate, Long episodeId, EpisodeStatus episodeStatus,
                          String areaCode, String areaName, String responsibleUsername) {
    }
}
