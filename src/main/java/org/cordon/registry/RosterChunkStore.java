package org.cordon.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.cordon.account.AccountManagement;
import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the valid rows of a roster import in chunks of {@link RosterImportManagement#CHUNK_SIZE}, one transaction
 * per chunk, with one statement for the chunk's persons and one for its returnees; the chunk's new returnees are
 * published together as one {@link ReturneesRegistered}. One person, one arrival, one record: a row whose person has a record of the same arrival
 * ({@link SameArrival}) — from this file, an earlier import or any other source (door to door, checkpoint,
 * self-report) — is counted as already registered and not stored again (a self-report of it waiting for confirmation
 * in the importer's area is confirmed). A row whose ID number is registered with another name is rejected: a roster
 * never renames a person (the rule of a new person in the file is the name of its first row).
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

    /** Rows the store rejects when it stores their chunk, handed back to the import for its report and error file. */
    interface Rejections {
        void rejected(int rowNumber, List<String> values, List<FieldProblem> problems);
    }

    /** Starts storing the rows of one import by this user. */
    Run start(CordonUser user, Rejections rejections) {
        return new Run(user, rejections);
    }

    /**
     * A valid row waiting for its chunk to be stored: its person as it would be inserted (encrypted on the reading
     * thread), its row number and cells for a rejection.
     */
    private record Pending(ReturneeValidator.Valid valid, String sourceRef, byte[] identityHash, RosterRepository.PersonRow person,
                           int rowNumber, List<String> values) {

        String hash() {
            return HEX.formatHex(identityHash);
        }
    }

    /** What storing a chunk did: {new, already registered} and the rows it rejected. */
    private record Stored(long[] counts, List<Rejected> refused) {
    }

    /**
     * The rows of one import: the current chunk and the counts of the chunks stored. A full chunk is stored on a thread
     * of its own while the next one is read (at most one chunk stored at a time, so at most two in memory); its counts
     * and rejections are taken over on the reading thread when the next chunk is handed over, and when {@link #flush}
     * waits for it. {@link #close} must be called at the end.
     */
    final class Run implements AutoCloseable {

        private final String username;
        private final AreaScope scope;
        private final Rejections rejections;
        private final Function<String, Optional<String>> gridWorker = RosterMemo.function(accounts::gridWorkerFor);
        private final ExecutorService storing;
        private List<Pending> chunk = new ArrayList<>(RosterImportManagement.CHUNK_SIZE);
        private Future<Stored> inFlight;
        private long saved;
        private long alreadyPresent;
        private long rejected;

        private Run(CordonUser user, Rejections rejections) {
            this.username = user.getUsername();
            this.scope = AreaScope.of(user);
            this.rejections = rejections;
            this.storing = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "roster-store-" + username);
                t.setDaemon(true);
                return t;
            });
        }

        /** Adds a valid row (its number and cells as read, for a rejection); hands the chunk over when it is full. */
        void add(ReturneeValidator.Valid v, int rowNumber, List<String> values) {
            byte[] hash = registry.identityHash(v.person().idNumber(), v.person().nationality());
            chunk.add(new Pending(v, HEX.formatHex(hash) + ":" + v.arrivedOn(), hash, personRow(v.person(), hash), rowNumber, values));
            if (chunk.size() >= RosterImportManagement.CHUNK_SIZE) {
                handOver();
            }
        }

        /**
         * Waits for the chunk being stored, takes over its outcome, and starts storing the current one in one
         * transaction: new persons inserted (registered ones left as they are), rows of a registered ID number with
         * another name rejected, rows of an arrival registered already counted, returnees inserted with the identity
         * values that differ kept, the chunk's event published.
         */
        private void handOver() {
            awaitStored();
            if (chunk.isEmpty()) {
                return;
            }
            List<Pending> rows = chunk;
            chunk = new ArrayList<>(RosterImportManagement.CHUNK_SIZE);
            inFlight = storing.submit(() -> {
                List<Rejected> refused = new ArrayList<>();
                long[] counts = writeTx.execute(status -> store(rows, username, scope, gridWorker, refused));
                return new Stored(counts, refused);
            });
        }

        /**
         * Stores the current chunk and waits until every chunk handed over is stored; their rejections are handed back
         * (after their transactions committed) before it returns. Rethrows what storing a chunk threw (e.g. the
         * database being away): the chunks stored before stay stored.
         */
        void flush() {
            handOver();
            awaitStored();
        }

        /** Takes over the outcome of the chunk being stored, once it is. */
        private void awaitStored() {
            if (inFlight == null) {
                return;
            }
            Stored stored;
            try {
                stored = inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a roster chunk was stored", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                inFlight = null;
            }
            saved += stored.counts()[0];
            alreadyPresent += stored.counts()[1];
            rejected += stored.refused().size();
            for (Rejected r : stored.refused()) {
                rejections.rejected(r.pending().rowNumber(), r.pending().values(), List.of(r.problem()));
            }
        }

        /** Rows stored as new returnees so far (after the chunk being stored, if any, is). */
        long saved() {
            awaitQuietly();
            return saved;
        }

        /** Rows whose arrival was registered already so far (after the chunk being stored, if any, is). */
        long alreadyPresent() {
            awaitQuietly();
            return alreadyPresent;
        }

        /** Rows rejected when their chunk was stored so far (counted by the import among its rejected rows too). */
        long rejected() {
            awaitQuietly();
            return rejected;
        }

        /** The counts after a problem: the chunk being stored finishes first; a failure of it is not counted. */
        private void awaitQuietly() {
            try {
                awaitStored();
            } catch (RuntimeException e) {
                // the chunk was not stored; the problem that ended the import is reported instead
            }
        }

        /** Waits for the chunk being stored (a chunk handed over is never abandoned half-way) and ends the thread. */
        @Override
        public void close() {
            awaitQuietly();
            storing.shutdown();
        }
    }

    private record Rejected(Pending pending, FieldProblem problem) {
    }

    /** Returns {new, already registered}; adds the rows it rejects to {@code refused}. */
    private long[] store(List<Pending> chunk, String username, AreaScope scope, Function<String, Optional<String>> gridWorker,
                         List<Rejected> refused) {
        // one row per person, in hash order (concurrent imports wait for each other in the same order); a new person is
        // stored with the values of their first row, a registered one is never changed
        TreeMap<String, RosterRepository.PersonRow> persons = new TreeMap<>();
        Map<String, Pending> firstRow = new HashMap<>();
        for (Pending p : chunk) {
            if (firstRow.putIfAbsent(p.hash(), p) == null) {
                persons.put(p.hash(), p.person());
            }
        }
        Map<String, RosterRepository.PersonRef> personIds = rosters.insertOrFindPersons(new ArrayList<>(persons.values()));
        // in file order: another name for a registered ID number is rejected; the same arrival again is counted
        Map<String, List<LocalDate>> arrivals = new HashMap<>();
        List<Pending> fresh = new ArrayList<>();
        long again = 0;
        for (Pending p : chunk) {
            RosterRepository.PersonRef person = personIds.get(p.hash());
            if (!Names.same(person.name(), p.valid().person().name())) {
                refused.add(new Rejected(p, RegistryManagement.otherName(person.name())));
                continue;
            }
            List<LocalDate> dates = arrivals.computeIfAbsent(p.hash(), k -> new ArrayList<>());
            if (dates.stream().anyMatch(d -> SameArrival.same(d, p.valid().arrivedOn()))) {
                again++;
                continue;
            }
            dates.add(p.valid().arrivedOn());
            fresh.add(p);
        }
        TreeMap<String, RosterRepository.ReturneeRow> returnees = new TreeMap<>();
        Map<String, Pending> bySourceRef = new HashMap<>();
        for (Pending p : fresh) {
            ReturneeValidator.Valid v = p.valid();
            long personId = personIds.get(p.hash()).id();
            bySourceRef.put(p.sourceRef(), p);
            returnees.put(p.sourceRef(), new RosterRepository.ReturneeRow(personId, v.originCode(), v.leftRiskAreaOn(),
                    v.arrivedOn(), v.transportMode(), v.transportDetail(), v.companions(), v.destinationCode(),
                    v.destinationAddress(), p.sourceRef(), gridWorker.apply(v.destinationCode()).orElse(null), username));
        }
        List<RosterRepository.Inserted> inserted = rosters.insertReturnees(new ArrayList<>(returnees.values()));
        confirmSelfReports(fresh, inserted, personIds, scope);
        List<ReportedIdentities.Report> reported = new ArrayList<>(inserted.size());
        for (RosterRepository.Inserted r : inserted) {
            Pending p = bySourceRef.get(r.sourceRef());
            if (personIds.get(p.hash()).inserted() && firstRow.get(p.hash()) == p) {
                continue; // the person was stored from this very row: nothing of it can differ
            }
            reported.add(new ReportedIdentities.Report(r.personId(), p.valid().person(), ReportedIdentity.RecordType.RETURNEE,
                    r.id(), r.destinationCode(), username));
        }
        reports.keepDiffering(reported);
        if (!inserted.isEmpty()) {
            // one event for the chunk (one publication per listener, written with the chunk), not one per returnee
            List<ReturneeRegistered> registered = new ArrayList<>(inserted.size());
            for (RosterRepository.Inserted r : inserted) {
                registered.add(new ReturneeRegistered(r.id(), r.personId(), r.destinationCode(), r.arrivedOn(),
                        ReturneeSource.IMPORTED, r.responsibleUsername()));
            }
            events.publishEvent(new ReturneesRegistered(registered));
        }
        return new long[] {inserted.size(), again + fresh.size() - inserted.size()};
    }

    /**
     * The rows not stored because their arrival was registered otherwise: a self-report of it in the importer's area
     * that waits for confirmation is confirmed by the roster (observation starts).
     */
    private void confirmSelfReports(List<Pending> fresh, List<RosterRepository.Inserted> inserted,
                                    Map<String, RosterRepository.PersonRef> personIds, AreaScope scope) {
        if (inserted.size() == fresh.size()) {
            return;
        }
        java.util.Set<String> stored = new java.util.HashSet<>();
        inserted.forEach(r -> stored.add(r.sourceRef()));
        List<Long> people = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (Pending p : fresh) {
            if (!stored.contains(p.sourceRef())) {
                people.add(personIds.get(p.hash()).id());
                days.add(p.valid().arrivedOn());
            }
        }
        for (RosterRepository.Unverified u : rosters.unverifiedSameArrivals(people, days)) {
            if (scope.covers(u.destinationCode())) {
                registry.confirmSelfReport(u.id(), u.personId(), u.destinationCode(), u.arrivedOn(), u.source(),
                        u.responsibleUsername());
            }
        }
    }
    private RosterRepository.PersonRow personRow(PersonData data, byte[] identityHash) {
        IdNumber id = data.idNumber();
        String phone = data.phone() == null ? null : data.phone().value();
        return new RosterRepository.PersonRow(identityHash, id.type(), data.nationality() == null ? "" : data.nationality(),
                cipher.encrypt(RegistryManagement.ID_FIELD, id.value()), data.name(), id.sex().map(Enum::name).orElse(null),
                id.birthDate().orElse(null), phone == null ? null : cipher.encrypt(RegistryManagement.PHONE_FIELD, phone),
                phone == null ? null : cipher.hash(RegistryManagement.PHONE_FIELD, phone), data.address());
    }
}
