package org.cordon.shared.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installable field app ({@code cordon.offline.*}; README "Offline field app"): what the field pages' script
 * (static/js/offline.js) and service worker (static/sw.js) keep on a device.
 *
 * @param keep  how long a device keeps a record it could not send (and the pages it saved for offline use): older
 *              ones are deleted, with a message; the default, 7 days, is as far back as a passage may be recorded
 * @param retry how often a page with records waiting tries to send them while it believes it is online
 */
@ConfigurationProperties("cordon.offline")
public record OfflineSettings(@DefaultValue("7d") Duration keep, @DefaultValue("30s") Duration retry) {

    public OfflineSettings {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("cordon.offline.keep must be positive: " + keep);
        }
        if (retry.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("cordon.offline.retry must be at least 5 seconds: " + retry);
        }
    }
}
