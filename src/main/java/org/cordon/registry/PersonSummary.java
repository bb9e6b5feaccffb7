package org.cordon.registry;

import java.time.LocalDate;

import org.cordon.shared.IdType;

/** A person as listed: masked unless {@code full} (an audited view). */
public record PersonSummary(long id, String name, IdType idType, String idNumber, String phone, String sex,
                            LocalDate birthDate, String residenceCode, boolean full) {
}
