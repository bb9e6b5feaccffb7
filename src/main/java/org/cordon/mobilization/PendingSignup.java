package org.cordon.mobilization;

import org.cordon.account.PersonalValue;

import java.time.Instant;

/** A volunteer sign-up of the public portal not yet taken over; the phone is masked. */
public record PendingSignup(long id, String name, PersonalValue maskedPhone, String areaName, String organisation, String skills,
                            String availability, Instant createdAt) {
}
