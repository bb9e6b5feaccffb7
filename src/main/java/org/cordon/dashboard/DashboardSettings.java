package org.cordon.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard settings ({@code cordon.dashboard.*}).
 *
 * @param appliedEventRetention how long the marker of an applied event ({@code dash_applied_event}) is kept.
 *                              A marker stops a redelivered event from being counted twice, so it must outlive
 *                              any redelivery: much longer than {@code cordon.events.resubmit-after}
 *                              (at least a day and ten times that age; checked at start)
 */
@ConfigurationProperties("cordon.dashboard")
record DashboardSettings(@DefaultValue("P30D") Duration appliedEventRetention) {
}
