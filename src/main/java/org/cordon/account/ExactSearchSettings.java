package org.cordon.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limit of exact searches by a full ID, document or phone number ({@code cordon.privacy.exact-search.*}):
 * each account gets {@code perWindow} searches every {@code window}; an account that used fewer keeps up
 * to {@code burst} of them on top. Without it the hidden digits of a masked value could be guessed by
 * trying every completion.
 *
 * @param perWindow exact searches granted to each account every window (20)
 * @param window    length of the window (1 minute)
 * @param burst     unused searches an account may save up beyond {@code perWindow} (5)
 */
@ConfigurationProperties("cordon.privacy.exact-search")
public record ExactSearchSettings(@DefaultValue("20") int perWindow,
                                  @DefaultValue("1m") Duration window,
                                  @DefaultValue("5") int burst) {

    public ExactSearchSettings {
        if (perWindow < 1) {
            throw new IllegalArgumentException("cordon.privacy.exact-search.per-window must be at least 1, not " + perWindow);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("cordon.privacy.exact-search.window must be positive, not " + window);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("cordon.privacy.exact-search.burst must not be negative, not " + burst);
        }
    }

    /** Searches an idle account may run at once. */
    public int capacity() {
        return perWindow + burst;
    }
}
