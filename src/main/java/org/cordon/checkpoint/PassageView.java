package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.cordon.account.PersonalValue;
import org.cordon.shared.IdType;
import org.cordon.shared.PlateKind;

/**
 * A passage as shown to a user. Names, ID numbers and phones are {@link PersonalValue}s: in full only
 * in an audited detail view ({@code fullView}), masked in lists and ordinary views. {@code plateKind} is the kind of
 * plate (ordinary, new-energy, embassy, military, ...; null without a plate); {@code originAreaCode} is a current
 * division code, {@code ISO:XX} for a country, with {@code originName} in the request's language.
 */
public record PassageView(long id, UUID clientId, String checkpointCode, String checkpointName, Direction direction,
                          String plateNumber, PlateKind plateKind, VehicleType vehicleType, String originAreaCode, String originName,
                          String destinationAreaCode, String destinationName, boolean disinfected, Instant recordedAt,
                          String recordedBy, boolean fullView, List<Occupant> occupants) {

    /** One screened occupant. */
    public record Occupant(long id, int seq, PersonalValue name, IdType idType, PersonalValue idNumber, PersonalValue phone,
                           BigDecimal temperature, List<Symptom> symptoms, boolean riskAreaStay, boolean caseContact,
                           Disposition disposition) {
    }

    /** The most serious disposition of the passage, for colouring a list row. */
    public Disposition worstDisposition() {
        return occupants.stream().map(Occupant::disposition).min(Enum::compareTo).orElse(Disposition.RELEASED);
    }
}
