package org.cordon.observation;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observation rules ({@code cordon.observation.*}).
 *
 * @param days             length of an observation period (14)
 * @param morningDeadline  a morning check not recorded by this time (city time) counts as missed
 * @param eveningDeadline  the same for the evening check
 * @param missedCheckScanMinutes how often the missed-check job runs
 */
@ConfigurationProperties("cordon.observation")
record ObservationSettings(@DefaultValue("14") int days,
                                  @DefaultValue("12:00") LocalTime morningDeadline,
                                  @DefaultValue("22:00") LocalTime eveningDeadline,
                                  @DefaultValue("15") int missedCheckScanMinutes) {
}
