package org.cordon.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data retention ({@code cordon.retention.*}).
 *
 * @param passageMonths      a month of passages (with occupants and alerts) is dropped on the first day of the month
 *                           this many months after it: 3 keeps January until 31 March, i.e. every passage at least
 *                           two whole months. At least 2 (the current and the previous month are never dropped)
 * @param personalDays       a person's identity is anonymised this many days after their follow-up ended (30)
 * @param arrivalFollowUpDays how long an arrival is followed up when no observation was started for it (14: the
 *                           observation period; a returnee record serves until arrival + this)
 * @param batchSize          persons anonymised per transaction
 */
@ConfigurationProperties("cordon.retention")
record RetentionSettings(@DefaultValue("3") int passageMonths,
                         @DefaultValue("30") int personalDays,
                         @DefaultValue("14") int arrivalFollowUpDays,
                         @DefaultValue("500") int batchSize) {

    RetentionSettings {
        if (passageMonths < 2) {
            throw new IllegalArgumentException("cordon.retention.passage-months must be at least 2 (the current and the previous "
                    + "month are never dropped), not " + passageMonths);
        }
        if (personalDays < 0 || arrivalFollowUpDays < 0) {
            throw new IllegalArgumentException("cordon.retention.personal-days and arrival-follow-up-days must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("cordon.retention.batch-size must be positive");
        }
    }
}
