package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;

import org.cordon.registry.LegacyDuplicates;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.ReturneesMerged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The observation side of the merge of duplicates written the old way ({@link LegacyDuplicates}, migrated): for the
 * merges the registry announces, one open episode per arrival remains — the oldest — with the others' checks,
 * referral and status; the merged records' episodes belong to the kept records; a second delivery changes nothing.
 */
@Execution(ExecutionMode.CONCURRENT) // own server: runs beside the context-sharing tests
class EpisodeMergeTests {

    static LegacyDuplicates db;

    @BeforeAll
    static void migrate() throws Exception {
        db = LegacyDuplicates.create("duplicate-merge-observation");
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    long count(String sql, Object... params) {
        return db.jdbc.sql(sql).params(params).query(Long.class).single();
    }

    String checks(long episode) {
        return String.join(" ", db.jdbc.sql("""
                        select check_date || ' ' || slot || ' ' || case when missed then 'missed' else temperature::text end
                        from observation_check where episode_id = ? order by check_date, slot desc""")
                .param(episode).query(String.class).list());
    }

    @Test
    void oneOpenEpisodePerArrivalRemainsWithTheOthersChecksAndReferral() {
        // the event as the registry announces it, from the merges the migration made
        ReturneesMerged merged = new ReturneesMerged(db.jdbc.sql("select kept_id, merged_id, person_id from returnee_merge order by merged_id")
                .query((rs, n) -> new ReturneesMerged.Merge(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list());
        assertThat(merged.merges()).hasSize(4);
        RegistryManagement registry = mock(RegistryManagement.class);
        List<Object> published = new ArrayList<>();
        ApplicationEventPublisher events = published::add;
        EpisodeMerges merges = new EpisodeMerges(db.jdbc, registry, events);
        long before = count("select count(*) from observation_episode");

        merges.on(merged);

        // person 1, day D: E1 (the oldest) stays; E2 and E3 were merged into it and deleted
        assertThat(count("select count(*) from observation_episode")).isEqualTo(before - 2);
        assertThat(count("select count(*) from observation_episode where id in (?, ?)", db.e2, db.e3)).isZero();
        assertThat(db.jdbc.sql("select returnee_id || ' ' || status from observation_episode where id = ?").param(db.e1)
                .query(String.class).single()).as("the kept record's episode, referred by E3's pending referral")
                .isEqualTo(db.a1 + " REFERRED");
        // E2's recorded morning replaced E1's missed flag, its next morning moved over; E1's own evening stayed
        assertThat(checks(db.e1)).isEqualTo("2020-01-22 MORNING 36.6 2020-01-22 EVENING 36.5 2020-01-23 MORNING 36.4");
        assertThat(db.jdbc.sql("select episode_id from referral where id = ?").param(db.referral).query(Long.class).single())
                .isEqualTo(db.e1);
        assertThat(db.jdbc.sql("select kept_episode_id from episode_merge where merged_source_ref = ?").param("returnee:" + db.a3)
                .query(Long.class).single()).isEqualTo(db.e1);
        // one open episode per returnee record and person-arrival; the later arrival's episode untouched
        assertThat(count("select count(*) from observation_episode where person_id = ? and status in ('ACTIVE', 'REFERRED')",
                db.person1)).isEqualTo(2);
        assertThat(db.jdbc.sql("select returnee_id from observation_episode where id = ?").param(db.e4).query(Long.class).single())
                .isEqualTo(db.a4);
        // person 2: the staff record's episode now belongs to the kept self-report
        assertThat(db.jdbc.sql("select returnee_id from observation_episode where id = ?").param(db.e5).query(Long.class).single())
                .isEqualTo(db.s1);
        assertThat(count("select count(*) from observation_episode where returnee_id in (?, ?, ?)", db.a2, db.a3, db.s2)).isZero();
        // the kept records' status follows their episodes; the dashboard is told (it recounts)
        verify(registry).updateReturneeStatus(db.a1, ReturneeStatus.REFERRED);
        verify(registry).updateReturneeStatus(db.s1, ReturneeStatus.UNDER_OBSERVATION);
        assertThat(published).containsExactly(new DuplicateEpisodesMerged(4, 2));

        // a second delivery merges nothing more
        merges.on(merged);
        assertThat(count("select count(*) from observation_episode")).isEqualTo(before - 2);
        assertThat(published).last().isEqualTo(new DuplicateEpisodesMerged(4, 0));
        assertThat(checks(db.e1)).isEqualTo("2020-01-22 MORNING 36.6 2020-01-22 EVENING 36.5 2020-01-23 MORNING 36.4");
    }
}
