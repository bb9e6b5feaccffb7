package org.cordon.shared.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform's static assets are served ({@code cordon.assets.*}; README "Fast on slow links").
 *
 * @param fingerprint  whether the platform's own assets ({@code /css/**}, {@code /js/**}, {@code /vendor/**}) are
 *                     linked by content-hashed names ({@code /js/cordon-<md5>.js}, rewritten in every page) and, like
 *                     the webjars under their version ({@code /webjars/htmx.org/2.0.10/...}), cached by browsers for
 *                     {@code immutableMaxAge} without asking again. Off: plain names, which browsers must fetch again
 *                     on every page (Spring Security's {@code no-store}) — only to measure what fingerprinting saves
 *                     (bench/slow-network)
 * @param immutableMaxAge how long a versioned asset is cached ({@code Cache-Control: max-age=..., public, immutable});
 *                     at least a day
 */
@ConfigurationProperties("cordon.assets")
public record AssetSettings(@DefaultValue("true") boolean fingerprint, @DefaultValue("365d") Duration immutableMaxAge) {

    public AssetSettings {
        if (immutableMaxAge.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("cordon.assets.immutable-max-age must be at least 1d, not " + immutableMaxAge);
        }
    }
}
