package org.cordon.shared;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform-wide settings ({@code cordon.*}).
 *
 * @param dataDir  directory for the embedded database and the demo key file
 * @param timeZone the city's time zone; "today" and daily counts follow it
 */
@ConfigurationProperties("cordon")
public record CordonSettings(@DefaultValue("./data") Path dataDir,
                             @DefaultValue("Asia/Shanghai") ZoneId timeZone) {

    /** Today's date in the city's time zone. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }
}
