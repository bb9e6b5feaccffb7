package org.cordon.notice;

import java.time.Instant;

/** A stored volunteer sign-up for the mobilisation work; the phone is masked. */
public record VolunteerSignup(long id, String name, String maskedPhone, String areaCode, String areaName, String organisation,
                              String skills, String availability, String note, String status, Instant createdAt,
                              Instant updatedAt) {
}
