package org.cordon.mobilization;

import java.time.LocalDate;

/** A new volunteer task: title and place (≤ 100), date, people needed (1–1000), optional area and description. */
public record TaskRequest(String title, String place, String areaCode, LocalDate taskDate, Integer peopleNeeded,
                          String description) {
}
