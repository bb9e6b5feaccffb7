package org.cordon.mobilization;

import java.time.Instant;

/** A volunteer sign-up of the public portal not yet taken over; the phone is masked. */
public record PendingSignup(long id, String name, String maskedPhone, String areaName, String organisation, String skills,
                            String availability, Instant createdAt) {
}
