package org.cordon.shared.web;

import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * The field app's settings for templates ({@code ${@fieldApp.keepMillis()}}): the field pages pass them to their script
 * as data attributes (fragments/offline :: status).
 */
@Component("fieldApp")
public class FieldApp {

    private final OfflineSettings settings;
    private final Clock clock;

    FieldApp(OfflineSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long a device keeps what it could not send, in milliseconds. */
    public long keepMillis() {
        return settings.keep().toMillis();
    }

    /** How long a device keeps what it could not send, in whole days (at least 1), for messages. */
    public long keepDays() {
        return Math.max(1, settings.keep().toDays());
    }

    /** How often a page with records waiting tries to send them, in milliseconds. */
    public long retryMillis() {
        return settings.retry().toMillis();
    }

    /** When the page was made (epoch milliseconds): a page a service worker serves later is known to be a saved copy. */
    public long renderedAt() {
        return clock.millis();
    }
}
