package org.cordon.registry;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.cordon.account.AccountManagement;
import org.cordon.shared.IdNumber;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the valid rows of a roster import in chunks of {@link RosterImportManagement#CHUNK_SIZE}, one transaction
 * per chunk, with one statement for the chunk's persons and one for its returnees; each new returnee publishes
 * {@link ReturneeRegistered}. A row is identified by the person's identity document and arrival date (source
 * {@code IMPORTED}), so a row imported before is counted as already present and not stored again.
 */
@Component
class RosterChunkStore {

    private static final HexFormat HEX = HexFormat.of();

    private final RegistryManagement registry;
    private final RosterRepository rosters;
    private final ReportedIdentities reports;
    private final AccountManagement accounts;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writeTx;

    RosterChunkStore(RegistryManagement registry, RosterRepository rosters, ReportedIdentities reports, AccountManagement accounts,
                     PersonalDataCipher cipher, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.registry = registry;
        this.rosters = rosters;
        this.reports = reports;
        this.accounts = accounts;
        this.cipher = cipher;
        this.events = events;
        this.writeTx = new TransactionTemplate(transactions);
    }

    /** Starts storing the rows of one import by this user. */
    Run start(String username) {
        return new Run(username);
    }

    /** A valid row waiting for its chunk to be stored. */
    private record Pending(ReturneeValidator.Valid valid, String sourceRef, byte[] identityHash) {
    }

    /** The rows of one import: the current chunk and the counts of the chunks stored. */
    final class Run {

        private final String username;
        private final Function<String, Optional<String>> gridWorker = RosterMemo.function(accounts::gridWorkerFor);
        private final List<Pending> chunk = new ArrayList<>(RosterImportManagement.CHUNK_SIZE);
        private long saved;
        private long alreadyPresent;

        private Run(String username) {
            this.username = username;
        }

        /** Adds a valid row; stores the chunk when it is full. */
        void add(ReturneeValidator.Valid v) {
            byte[] hash = registry.identityHash(v.person().idNumber(), v.person().nationality());
            chunk.add(new Pending(v, HEX.formatHex(hash) + ":" + v.arrivedOn(), hash));
            if (chunk.size() >= RosterImportManagement.CHUNK_SIZE) {
                flush();
            }
        }

        /**
         * Stores the chunk in one transaction: existing rows skipped, new persons inserted (registered ones
         * left as they are), returnees inserted with the identity values that differ kept, events published.
         */
        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            long[] counts = writeTx.execute(status -> store(chunk, username, gridWorker));
            saved += counts[0];
            alreadyPresent += counts[1];
            chunk.clear();
        }

        /** Rows stored as new returnees so far. */
        long saved() {
            return saved;
        }

        /** Rows found imported before so far. */
        long alreadyPresent() {
            return alreadyPresent;
        }
    }

    /** Returns {new, already present}. */
    private long[] store(List<Pending> chunk, String username, Function<String, Optional<String>> gridWorker) {
        Map<String, Pending> unique = new LinkedHashMap<>();
        for (Pending p : chunk) {
            unique.putIfAbsent(p.sourceRef(), p);
        }
        unique.keySet().removeAll(rosters.existingImported(unique.keySet()));
        if (unique.isEmpty()) {
            return new long[] {0, chunk.size()};
        }
        // one row per person, in hash order; a new person is stored with the values of their last row (the
        // other rows' differing values are kept as reported), a registered one is never changed
        TreeMap<String, RosterRepository.PersonRow> persons = new TreeMap<>();
        for (Pending p : unique.values()) {
            persons.put(HEX.formatHex(p.identityHash()), personRow(p));
        }
        Map<String, Long> personIds = rosters.insertOrFindPersons(new ArrayList<>(persons.values()));
        TreeMap<String, RosterRepository.ReturneeRow> returnees = new TreeMap<>();
        for (Pending p : unique.values()) {
            ReturneeValidator.Valid v = p.valid();
            long personId = personIds.get(HEX.formatHex(p.identityHash()));
            returnees.put(p.sourceRef(), new RosterRepository.ReturneeRow(personId, v.originCode(), v.leftRiskAreaOn(),
                    v.arrivedOn(), v.transportMode(), v.transportDetail(), v.companions(), v.destinationCode(),
                    v.destinationAddress(), p.sourceRef(), gridWorker.apply(v.destinationCode()).orElse(null), username));
        }
        List<RosterRepository.Inserted> inserted = rosters.insertReturnees(new ArrayList<>(returnees.values()));
        List<ReportedIdentities.Report> reported = new ArrayList<>(inserted.size());
        for (RosterRepository.Inserted r : inserted) {
            reported.add(new ReportedIdentities.Report(r.personId(), unique.get(r.sourceRef()).valid().person(),
                    ReportedIdentity.RecordType.RETURNEE, r.id(), r.destinationCode(), username));
        }
        reports.keepDiffering(reported);
        for (RosterRepository.Inserted r : inserted) {
            events.publishEvent(new ReturneeRegistered(r.id(), r.personId(), r.destinationCode(), r.arrivedOn(),
                    ReturneeSource.IMPORTED, r.responsibleUsername()));
        }
        return new long[] {inserted.size(), chunk.size() - inserted.size()};
    }

    private RosterRepository.PersonRow personRow(Pending p) {
        PersonData data = p.valid().person();
        IdNumber id = data.idNumber();
        String phone = data.phone() == null ? null : data.phone().value();
        return new RosterRepository.PersonRow(p.identityHash(), id.type(), data.nationality() == null ? "" : data.nationality(),
                cipher.encrypt(RegistryManagement.ID_FIELD, id.value()), data.name(), id.sex().map(Enum::name).orElse(null),
                id.birthDate().orElse(null), phone == null ? null : cipher.encrypt(RegistryManagement.PHONE_FIELD, phone),
                phone == null ? null : cipher.hash(RegistryManagement.PHONE_FIELD, phone), data.address());
    }
}
