package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;

import org.cordon.account.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Migration V45 on a database of the release before, with duplicates written the old way ({@link LegacyDuplicates}):
 * each arrival keeps its oldest record, the others become tombstones pointing to it; the kept record takes what it
 * lacked, a kept self-report is verified, an identity report moves over; the constraint then refuses a new duplicate;
 * the merges are announced once (event and audit entries).
 */
@Execution(ExecutionMode.CONCURRENT) // own server: runs beside the context-sharing tests
class DuplicateMergeMigrationTests {

    static LegacyDuplicates db;

    @BeforeAll
    static void migrate() throws Exception {
        db = LegacyDuplicates.create("duplicate-merge-registry");
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    Long mergedInto(long returnee) {
        return db.jdbc.sql("select merged_into from returnee where id = ?").param(returnee).query(Long.class).optional().orElse(null);
    }

    long count(String sql, Object... params) {
        return db.jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void eachArrivalKeepsItsOldestRecordAndTheOthersPointToIt() {
        String legacy = "source_ref not like 'again%' and source_ref <> 'earlier'";
        assertThat(count("select count(*) from returnee where " + legacy)).as("nothing deleted").isEqualTo(9);
        assertThat(count("select count(*) from returnee where merged_into is null and " + legacy)).as("one live record per arrival")
                .isEqualTo(5);
        // person 1: the roster's and the checkpoint's records of day D were the door-to-door one's; day D+20 is another arrival
        assertThat(mergedInto(db.a1)).isNull();
        assertThat(mergedInto(db.a2)).isEqualTo(db.a1);
        assertThat(mergedInto(db.a3)).isEqualTo(db.a1);
        assertThat(mergedInto(db.a4)).isNull();
        // person 2: the self-report came first and is kept
        assertThat(mergedInto(db.s1)).isNull();
        assertThat(mergedInto(db.s2)).isEqualTo(db.s1);
        // person 3: D+2 is D's arrival; D+4 lies 4 days from the kept record: a new arrival (no chaining)
        assertThat(mergedInto(db.c1)).isNull();
        assertThat(mergedInto(db.c2)).isEqualTo(db.c1);
        assertThat(mergedInto(db.c3)).isNull();
        assertThat(db.jdbc.sql("select merged_id from returnee_merge order by merged_id").query(Long.class).list())
                .containsExactly(db.a2, db.a3, db.s2, db.c2);
        assertThat(count("select count(*) from returnee_merge where merged_by = 'migration V45'")).isEqualTo(4);
    }

    @Test
    void theKeptRecordTakesWhatItLackedAndNothingItHad() {
        var kept = db.jdbc.sql("select companions, transport_detail, arrived_on, source from returnee where id = ?").param(db.a1)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
        assertThat(kept).containsExactly("妻子", "陕K12345", LegacyDuplicates.D.toString(), "DOOR_TO_DOOR");
        // the self-report that staff registered again is verified, with the staff record's status and details
        var selfReport = db.jdbc.sql("select status, verified, transport_detail from returnee where id = ?").param(db.s1)
                .query((rs, n) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getString(3))).single();
        assertThat(selfReport).containsExactly("UNDER_OBSERVATION", true, "K1234");
        // the merged record's identity report now waits on the kept one
        assertThat(count("select count(*) from reported_identity where record_type = 'RETURNEE' and record_id = ?", db.a1)).isEqualTo(1);
        assertThat(count("select count(*) from reported_identity where record_type = 'RETURNEE' and record_id = ?", db.a2)).isZero();
    }

    @Test
    void theDatabaseRefusesAnotherRecordOfTheSameArrivalButNotANewArrival() {
        String insert = """
                insert into returnee(person_id, arrived_on, destination_code, source, source_ref, status, created_by)
                values (?, ?, ?, 'DOOR_TO_DOOR', ?, 'REGISTERED', 'test')""";
        assertThatThrownBy(() -> db.jdbc.sql(insert).params(db.person1, LegacyDuplicates.D.plusDays(2), LegacyDuplicates.TOWN, "again-1")
                .update()).hasMessageContaining("returnee_one_record_per_arrival");
        assertThatThrownBy(() -> db.jdbc.sql(insert).params(db.person1, LegacyDuplicates.D.minusDays(2), LegacyDuplicates.TOWN, "again-2")
                .update()).hasMessageContaining("returnee_one_record_per_arrival");
        // three days before the first arrival: another arrival; "on conflict do nothing" skips a duplicate quietly
        assertThat(db.jdbc.sql(insert).params(db.person1, LegacyDuplicates.D.minusDays(3), LegacyDuplicates.TOWN, "earlier").update())
                .isEqualTo(1);
        assertThat(db.jdbc.sql(insert + " on conflict do nothing").params(db.person1, LegacyDuplicates.D.plusDays(19),
                LegacyDuplicates.TOWN, "again-3").update()).isZero();
        db.jdbc.sql("delete from returnee where source_ref = 'earlier'").update();
    }

    @Test
    void theMergesAreAnnouncedOnceWithAnAuditEntryEach() {
        AuditLog audit = mock(AuditLog.class);
        List<Object> published = new ArrayList<>();
        ApplicationEventPublisher events = published::add;
        ReturneeMergeAnnouncer announcer = new ReturneeMergeAnnouncer(db.jdbc, audit, events,
                new DataSourceTransactionManager(db.database.dataSource()));

        assertThat(announcer.announce()).isEqualTo(4);
        assertThat(announcer.announce()).as("announced once").isZero();

        assertThat(published).singleElement().isInstanceOfSatisfying(ReturneesMerged.class, e -> assertThat(e.merges())
                .containsExactly(new ReturneesMerged.Merge(db.a1, db.a2, db.person1), new ReturneesMerged.Merge(db.a1, db.a3, db.person1),
                        new ReturneesMerged.Merge(db.s1, db.s2, db.person2), new ReturneesMerged.Merge(db.c1, db.c2, db.person3)));
        verify(audit, times(2)).record(eq("system"), eq(AuditLog.Action.RECORDS_MERGED), eq("returnee"), eq(String.valueOf(db.a1)),
                anyString());
        verify(audit).record(eq("system"), eq(AuditLog.Action.RECORDS_MERGED), eq("returnee"), eq(String.valueOf(db.s1)),
                org.mockito.ArgumentMatchers.contains("merged duplicate returnee " + db.s2));
        assertThat(count("select count(*) from returnee_merge where announced_at is null")).isZero();
    }
}
