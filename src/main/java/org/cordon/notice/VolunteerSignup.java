package org.cordon.notice;

import org.cordon.account.PersonalValue;

import java.time.Instant;

/** A stored volunteer sign-up for the mobilisation work; the phone is masked. */
public record VolunteerSignup(long id, String name, PersonalValue maskedPhone, String areaCode, String areaName, String organisation,
                              String skills, String availability, String note, String status, Instant createdAt,
                              Instant updatedAt) {
}
