package org.cordon.supplies;

import org.cordon.shared.FieldChecks;
import org.cordon.account.SystemOperation;
import static org.cordon.supplies.SupplyChecks.capped;
import static org.cordon.supplies.SupplyChecks.require;
import static org.cordon.shared.FieldChecks.name;
import static org.cordon.shared.FieldChecks.text;
import static org.cordon.shared.FieldChecks.failIfAny;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Donations (捐赠) of money or goods. Supplies clerks, commanders and administrators record and read them (they see
 * the donors' names; the public ledger shows only those who agreed). Goods enter a warehouse's stock as DONATION_IN
 * movements in the same transaction.
 *
 * <p>Recording throws {@link ValidationFailedException} (nothing stored) for invalid input and
 * {@link AccessDeniedException} for a role that may not do it.
 */
@Service
@Transactional(readOnly = true)
public class DonationManagement {

    private final DonationRepository donations;
    private final StockMovements movements;
    private final SupplyChecks checks;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DonationManagement(DonationRepository donations, StockMovements movements, SupplyChecks checks, CordonSettings settings,
                       ApplicationEventPublisher events, Clock clock) {
        this.donations = donations;
        this.movements = movements;
        this.checks = checks;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Donations per day of receipt with their money, for the dashboard's recount. */
    @SystemOperation
    public java.util.List<DonationTally> donationTallies() {
        return donations.tallies();
    }

    /** One donation as a tally of its day (the dashboard counts a {@code DonationReceived} with it); empty when unknown. */
    @SystemOperation
    public java.util.Optional<DonationTally> donationTally(long donationId) {
        return donations.tally(donationId);
    }

    /**
     * Records a donation. Goods enter the chosen warehouse's stock (one DONATION_IN movement per line). Managers.
     * Publishes {@link DonationReceived} and {@link StockMoved}.
     *
     * @return the stored donation
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public DonationView recordDonation(CordonUser user, DonationRequest r) {
        require(RolePermissions.may(user, Permission.SUPPLIES_MANAGE), user, "record donations");
        List<FieldProblem> problems = new ArrayList<>();
        if (r.kind() == null) {
            problems.add(new FieldProblem("kind", "validation.required"));
        }
        if (r.donorType() == null) {
            problems.add(new FieldProblem("donorType", "validation.required"));
        }
        if (r.channel() == null) {
            problems.add(new FieldProblem("channel", "validation.required"));
        }
        boolean named = r.donorType() != null && r.donorType() != DonorType.ANONYMOUS;
        String donorName = name(r.donorName(), "donorName", SupplyChecks.MAX_NAME, named, problems);
        if (r.donorType() == DonorType.ANONYMOUS) {
            donorName = null;
        }
        boolean showName = r.donorType() == DonorType.ORGANISATION
                || (r.donorType() == DonorType.PERSON && Boolean.TRUE.equals(r.showName()));
        String designatedUse = text(r.designatedUse(), "designatedUse", SupplyChecks.MAX_TEXT, false, problems);
        String recipient = name(r.recipient(), "recipient", SupplyChecks.MAX_NAME, false, problems);
        String receipt = text(r.receiptNumber(), "receiptNumber", SupplyChecks.MAX_RECEIPT, false, problems);
        if (receipt != null && donations.receiptNumberTaken(receipt)) {
            problems.add(new FieldProblem("receiptNumber", "donation.validation.receiptTaken", receipt));
        }
        LocalDate today = LocalDate.now(clock.withZone(settings.timeZone()));
        LocalDate receivedOn = r.receivedOn() == null ? today : r.receivedOn();
        if (receivedOn.isAfter(today)) {
            problems.add(new FieldProblem("receivedOn", "donation.validation.future"));
        }
        if (r.campaignId() != null && !donations.campaignExists(r.campaignId())) {
            problems.add(new FieldProblem("campaignId", "sup.validation.unknownCampaign"));
        }
        Map<Long, BigDecimal> lines = Map.of();
        if (r.kind() == DonationKind.MONEY) {
            if (r.amount() == null) {
                problems.add(new FieldProblem("amount", "validation.required"));
            } else {
                SupplyChecks.quantity(r.amount(), "amount", false, problems);
            }
        } else if (r.kind() == DonationKind.GOODS) {
            checks.warehouse(r.warehouseId(), "warehouseId", problems);
            lines = checks.lines(r.lines(), problems);
        }
        failIfAny(problems);
        if (receipt == null) {
            receipt = donations.nextReceiptNumber(receivedOn.getYear());
        }
        long id;
        try {
            id = donations.insertDonation(r.kind(), r.donorType(), donorName, showName, r.kind() == DonationKind.MONEY ? r.amount() : null,
                    r.channel(), designatedUse, recipient, receipt, receivedOn, r.campaignId(),
                    r.kind() == DonationKind.GOODS ? r.warehouseId() : null, user.getUsername());
        } catch (DuplicateKeyException e) {
            throw new ValidationFailedException("receiptNumber", "donation.validation.receiptTaken", receipt);
        }
        for (Map.Entry<Long, BigDecimal> line : lines.entrySet()) {
            donations.insertDonationLine(id, line.getKey(), line.getValue());
            movements.move(line.getKey(), r.warehouseId(), MovementKind.DONATION_IN, line.getValue(), null, id, null, user);
        }
        events.publishEvent(new DonationReceived(id));
        return donations.donations(id, 1).get(0);
    }

    /** Donations, newest first (at most {@code limit}, capped at 1000). Managers (they see donors' names). */
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public List<DonationView> donations(CordonUser user, int limit) {
        require(RolePermissions.may(user, Permission.SUPPLIES_MANAGE), user, "read donations");
        return donations.donations(null, capped(limit));
    }
}
