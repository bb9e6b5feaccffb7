package org.cordon.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.checkpoint.OccupantDetails;
import org.cordon.checkpoint.RiskArrivalDetected;
import org.cordon.checkpoint.RiskArrivalsDetected;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.IdNumber;
import org.cordon.shared.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A risk arrival registered at a checkpoint becomes a returnee in the destination area, without
 * anyone re-typing it. Runs after the checkpoint's transaction committed, from the event
 * publication registry (it survives a crash and is retried on restart); idempotent per occupant.
 */
@Component
class CheckpointHandover {

    private static final Logger log = LoggerFactory.getLogger(CheckpointHandover.class);

    private final ScreenedOccupants occupants;
    private final RegistryManagement registry;
    private final CordonSettings settings;

    CheckpointHandover(ScreenedOccupants occupants, RegistryManagement registry, CordonSettings settings) {
        this.occupants = occupants;
        this.registry = registry;
        this.settings = settings;
    }

    /** A passage's risk arrivals, handed over together: one transaction, one {@link ReturneesRegistered}. */
    @ApplicationModuleListener
    void on(RiskArrivalsDetected event) {
        List<RegistryManagement.HandedOver> arrivals = new ArrayList<>();
        for (RiskArrivalDetected a : event.arrivals()) {
            arrival(a).ifPresent(arrivals::add);
        }
        if (!arrivals.isEmpty()) {
            registry.registerReturneesFrom(arrivals);
        }
    }

    /** One risk arrival: publications of this type stored before the arrivals of a passage were published together. */
    @ApplicationModuleListener
    void on(RiskArrivalDetected event) {
        arrival(event).ifPresent(a -> registry.registerReturneesFrom(List.of(a)));
    }

    private Optional<RegistryManagement.HandedOver> arrival(RiskArrivalDetected event) {
        if (event.destinationAreaCode() == null) {
            log.warn("Risk arrival {} has no destination in the city; not handed over", event.occupantId());
            return Optional.empty();
        }
        OccupantDetails o = occupants.details(event.occupantId()).orElseThrow();
        IdNumber id = new IdNumber(o.idType(), o.idNumber());
        PhoneNumber phone = o.phone() == null ? null : PhoneNumber.parse(o.phone());
        LocalDate arrived = o.recordedAt().atZone(settings.timeZone()).toLocalDate();
        return Optional.of(new RegistryManagement.HandedOver(ReturneeSource.CHECKPOINT, "occupant:" + o.occupantId(),
                new PersonData(id, "", o.name(), phone, null, null), o.originAreaCode(), arrived,
                o.plateNumber() == null ? TransportMode.OTHER : TransportMode.SELF_DRIVE, o.plateNumber(),
                o.destinationAreaCode(), null, ReturneeStatus.REGISTERED, "checkpoint " + o.checkpointCode()));
    }
}
