package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public donation ledger: donations received (donor name only for organisations and persons who agreed,
 * otherwise anonymous), dispatches out to posts, and per item the totals in and out and the balance — all derived
 * from the movement records, so {@code balance = donatedIn + purchasedIn - dispatchedOut + adjusted} exactly. No
 * personal data other than the names of donors who agreed to be named.
 */
public record PublicLedger(Instant at, List<Donation> donations, List<Dispatch> dispatches, List<Balance> balances,
                           BigDecimal moneyTotal, List<CampaignTotal> campaigns) {

    /** A donation: {@code donor} null when anonymous. */
    public record Donation(String receiptNumber, LocalDate date, String donor, boolean anonymous, DonationKind kind,
                           BigDecimal amount, List<Line> items, String designatedUse, String campaign) {
    }

    /** A dispatch to a post. */
    public record Dispatch(long id, LocalDate date, String post, List<Line> items) {
    }

    /** An item quantity. */
    public record Line(String itemCode, String item, String unit, BigDecimal quantity) {
    }

    /** One item's totals over all warehouses (dispatchedOut positive; adjusted signed). */
    public record Balance(String itemCode, String item, String unit, BigDecimal donatedIn, BigDecimal purchasedIn,
                          BigDecimal dispatchedOut, BigDecimal adjusted, BigDecimal balance) {
    }

    /** A campaign with the money raised. */
    public record CampaignTotal(String name, String organiser, BigDecimal target, BigDecimal raised) {
    }
}
