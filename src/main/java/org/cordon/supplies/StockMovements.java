package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.Clock;

import org.cordon.account.CordonUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records stock movements for the supplies services (purchases, adjustments, donations in, dispatches out): each
 * movement changes its balance in the caller's transaction and publishes {@link StockMoved}.
 */
@Component
class StockMovements {

    private final StockRepository stock;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StockMovements(StockRepository stock, ApplicationEventPublisher events, Clock clock) {
        this.stock = stock;
        this.events = events;
        this.clock = clock;
    }

    /** Appends the movement (now, by the user) and publishes {@link StockMoved}; returns the movement's id. */
    long move(long itemId, long warehouseId, MovementKind kind, BigDecimal quantity, String reason, Long donationId, Long dispatchId,
              CordonUser user) {
        long id = stock.move(itemId, warehouseId, kind, quantity, reason, donationId, dispatchId, clock.instant(), user.getUsername());
        events.publishEvent(new StockMoved(id, itemId, warehouseId, kind));
        return id;
    }
}
