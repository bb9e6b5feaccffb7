package org.cordon.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        handOver(event.arrivals());
    }

    /** One risk arrival: publications of this type stored before the arrivals of a passage were published together. */
    @ApplicationModuleListener
    void on(RiskArrivalDetected event) {
        handOver(List.of(event));
    }

    /** The arrivals with a destination in the city, their occupants read in one go (two queries for all). */
    private void handOver(List<RiskArrivalDetected> events) {
        List<Long> ids = new ArrayList<>();
        for (RiskArrivalDetected e : events) {
            if (e.destinationAreaCode() == null) {
                log.warn("Risk arrival {} has no destination in the city; not handed over", e.occupantId());
            } else {
                ids.add(e.occupantId());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, OccupantDetails> details = occupants.details(ids);
        List<RegistryManagement.HandedOver> arrivals = new ArrayList<>();
        for (Long id : ids) {
            OccupantDetails o = details.get(id);
            if (o == null) {
                throw new java.util.NoSuchElementException("occupant " + id + " of a risk arrival");
            }
            arrivals.add(arrival(o));
        }
        registry.registerReturneesFrom(arrivals);
    }

    private RegistryManagement.HandedOver arrival(OccupantDetails o) {
        IdNumber id = new IdNumber(o.idType(), o.idNumber());
        PhoneNumber phone = o.phone() == null ? null : PhoneNumber.parse(o.phone());
        LocalDate arrived = o.recordedAt().atZone(settings.timeZone()).toLocalDate();
        return new RegistryManagement.HandedOver(ReturneeSource.CHECKPOINT, "occupant:" + o.occupantId(),
                new PersonData(id, "", o.name(), phone, null, null), o.originAreaCode(), arrived,
                o.plateNumber() == null ? TransportMode.OTHER : TransportMode.SELF_DRIVE, o.plateNumber(),
                o.destinationAreaCode(), null, ReturneeStatus.REGISTERED, "checkpoint " + o.checkpointCode());
    }
}
