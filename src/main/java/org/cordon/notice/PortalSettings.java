package org.cordon.notice;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse protection of the public portal's forms ({@code cordon.portal.*}).
 *
 * @param maxSubmissions submissions of one form accepted from one client address per window (5)
 * @param window         length of the rate-limit window (10 minutes)
 * @param maxBodyBytes   largest accepted form body of a portal POST (16 KB)
 */
@ConfigurationProperties("cordon.portal")
public record PortalSettings(@DefaultValue("5") int maxSubmissions,
                             @DefaultValue("10m") Duration window,
                             @DefaultValue("16384") int maxBodyBytes) {
}
