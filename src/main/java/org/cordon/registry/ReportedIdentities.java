package org.cordon.registry;

import org.cordon.account.Disclosure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.cordon.area.AreaManagement;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.stereotype.Component;

/**
 * Compares the identity values a registration reported with the registered person's, keeps the
 * differing ones on the reporting record and shows them. Differences are derived afresh on every
 * read (against the person as stored now), so a value adopted through another record no longer
 * shows as differing.
 */
@Component
class ReportedIdentities {

    /** What one registration reported for a person, on which record and in which area. */
    record Report(long personId, PersonData reported, ReportedIdentity.RecordType recordType, long recordId, String areaCode,
                  String reportedBy) {
    }

    private final ReportedIdentityRepository repository;
    private final PersonRepository persons;
    private final PersonalDataCipher cipher;
    private final AreaManagement areas;

    ReportedIdentities(ReportedIdentityRepository repository, PersonRepository persons, PersonalDataCipher cipher,
                       AreaManagement areas) {
        this.repository = repository;
        this.persons = persons;
        this.cipher = cipher;
        this.areas = areas;
    }

    /** Keeps the values of each report that differ from its (registered) person; one read and one insert for all. */
    void keepDiffering(List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        Map<Long, PersonRepository.StoredPerson> stored = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        reports.forEach(r -> ids.add(r.personId()));
        persons.findAll(ids).forEach(p -> stored.put(p.id(), p));
        List<ReportedIdentityRepository.Row> rows = new ArrayList<>();
        for (Report r : reports) {
            PersonRepository.StoredPerson p = stored.get(r.personId());
            PersonData d = r.reported();
            String name = d.name() != null && !Names.same(d.name(), p.name()) ? d.name() : null;
            byte[] phoneEnc = null;
            byte[] phoneHash = null;
            if (d.phone() != null) {
                byte[] hash = cipher.hash(RegistryManagement.PHONE_FIELD, d.phone().value());
                if (!Arrays.equals(hash, p.phoneHash())) {
                    phoneHash = hash;
                    phoneEnc = cipher.encrypt(RegistryManagement.PHONE_FIELD, d.phone().value());
                }
            }
            String residence = d.residenceCode() != null && !d.residenceCode().equals(p.residenceCode()) ? d.residenceCode() : null;
            String address = d.address() != null && !d.address().equals(p.address()) ? d.address() : null;
            if (name != null || phoneHash != null || residence != null || address != null) {
                rows.add(new ReportedIdentityRepository.Row(r.personId(), r.recordType(), r.recordId(), r.areaCode(), name, phoneEnc,
                        phoneHash, residence, address, r.reportedBy()));
            }
        }
        repository.insertAll(rows);
    }

    /**
     * The open reports of these records whose values still differ from the person's, by record id;
     * names and phones shown as {@code shown} shows the record's person (masked unless it is an audited reveal).
     */
    Map<Long, ReportedIdentity> open(ReportedIdentity.RecordType type, Collection<Long> recordIds, Disclosure shown) {
        return open(type, recordIds, shown, area -> true);
    }

    /** {@link #open(ReportedIdentity.RecordType, Collection, Disclosure)} of the reports whose area passes the filter. */
    Map<Long, ReportedIdentity> open(ReportedIdentity.RecordType type, Collection<Long> recordIds, Disclosure shown,
                                     Predicate<String> areaVisible) {
        List<ReportedIdentityRepository.Stored> reports = repository.open(type, new HashSet<>(recordIds)).stream()
                .filter(r -> areaVisible.test(r.areaCode())).toList();
        if (reports.isEmpty()) {
            return Map.of();
        }
        Set<Long> personIds = new HashSet<>();
        Set<String> residences = new HashSet<>();
        reports.forEach(r -> personIds.add(r.personId()));
        Map<Long, PersonRepository.StoredPerson> stored = new HashMap<>();
        persons.findAll(personIds).forEach(p -> stored.put(p.id(), p));
        for (ReportedIdentityRepository.Stored r : reports) {
            if (r.residenceCode() != null) {
                residences.add(r.residenceCode());
                String registered = stored.get(r.personId()).residenceCode();
                if (registered != null) {
                    residences.add(registered);
                }
            }
        }
        Map<String, String> areaNames = residences.isEmpty() ? Map.of() : areas.areaNames(residences);
        Map<Long, ReportedIdentity> result = new HashMap<>();
        for (ReportedIdentityRepository.Stored r : reports) {
            List<ReportedIdentity.Difference> differences = differences(r, stored.get(r.personId()), shown, areaNames);
            if (!differences.isEmpty()) {
                result.put(r.recordId(), new ReportedIdentity(r.id(), r.recordType(), r.recordId(), differences, r.reportedAt(),
                        r.reportedBy()));
            }
        }
        return result;
    }

    /** The fields of the report that still differ from the person as stored. */
    Set<ReportedIdentity.Field> differingFields(ReportedIdentityRepository.Stored r, PersonRepository.StoredPerson p) {
        Set<ReportedIdentity.Field> fields = EnumSet.noneOf(ReportedIdentity.Field.class);
        if (r.name() != null && !Names.same(r.name(), p.name())) {
            fields.add(ReportedIdentity.Field.NAME);
        }
        if (r.phoneHash() != null && !Arrays.equals(r.phoneHash(), p.phoneHash())) {
            fields.add(ReportedIdentity.Field.PHONE);
        }
        if (r.residenceCode() != null && !r.residenceCode().equals(p.residenceCode())) {
            fields.add(ReportedIdentity.Field.RESIDENCE);
        }
        if (r.address() != null && !r.address().equals(p.address())) {
            fields.add(ReportedIdentity.Field.ADDRESS);
        }
        return fields;
    }

    private List<ReportedIdentity.Difference> differences(ReportedIdentityRepository.Stored r, PersonRepository.StoredPerson p,
                                                          Disclosure shown, Map<String, String> areaNames) {
        List<ReportedIdentity.Difference> result = new ArrayList<>();
        for (ReportedIdentity.Field field : differingFields(r, p)) {
            result.add(switch (field) {
                case NAME -> new ReportedIdentity.Difference(field, shown.name(r.name()).text(), shown.name(p.name()).text());
                case PHONE -> {
                    String reported = cipher.decrypt(RegistryManagement.PHONE_FIELD, r.phoneEnc());
                    String registered = cipher.decrypt(RegistryManagement.PHONE_FIELD, p.phoneEnc());
                    yield new ReportedIdentity.Difference(field, shown.phone(reported).text(),
                            registered == null ? null : shown.phone(registered).text());
                }
                case RESIDENCE -> new ReportedIdentity.Difference(field, areaNames.getOrDefault(r.residenceCode(), r.residenceCode()),
                        p.residenceCode() == null ? null : areaNames.getOrDefault(p.residenceCode(), p.residenceCode()));
                case ADDRESS -> new ReportedIdentity.Difference(field, r.address(), p.address());
            });
        }
        return result;
    }

    /** The open report of a record, locked for the confirmation. */
    java.util.Optional<ReportedIdentityRepository.Stored> lockOpen(ReportedIdentity.RecordType type, long recordId) {
        return repository.lockOpen(type, recordId);
    }

    /**
     * Resolves the report: {@code accept} adopts the values that still differ into the person, otherwise
     * the registered ones stay; either way the report is closed and its values cleared. Returns the
     * fields adopted (empty when none).
     */
    Set<ReportedIdentity.Field> resolve(ReportedIdentityRepository.Stored r, boolean accept, String username) {
        PersonRepository.StoredPerson p = persons.findById(r.personId()).orElseThrow();
        Set<ReportedIdentity.Field> fields = accept ? differingFields(r, p) : Set.of();
        if (!fields.isEmpty()) {
            boolean phone = fields.contains(ReportedIdentity.Field.PHONE);
            persons.adopt(p.id(), fields.contains(ReportedIdentity.Field.NAME) ? r.name() : null, phone ? r.phoneEnc() : null,
                    phone ? r.phoneHash() : null, fields.contains(ReportedIdentity.Field.RESIDENCE) ? r.residenceCode() : null,
                    fields.contains(ReportedIdentity.Field.ADDRESS) ? r.address() : null);
        }
        repository.resolve(r.id(), accept ? "ADOPTED" : "KEPT", username);
        return fields;
    }
}
