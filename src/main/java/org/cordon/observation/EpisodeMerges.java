package org.cordon.observation;

import java.util.List;

import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.ReturneesMerged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * One arrival, one episode, when the registry merged duplicate returnee records of the same person and arrival: the
 * merged records' episodes move to the kept record; of the open episodes of the kept record the oldest stays, each
 * other one is merged into it — its recorded checks replace the kept episode's missed flags and fill its free slots
 * (a slot both recorded keeps the kept episode's check), its referrals and close contacts move over, a pending
 * referral keeps the kept episode referred — and deleted, noted in {@code episode_merge} so that a retried start with
 * its source finds the kept episode. The kept record's status follows its episode. Publishes
 * {@link DuplicateEpisodesMerged} (the dashboard recounts). Idempotent: a second delivery finds nothing to merge.
 */
@Component
class EpisodeMerges {

    private record Ep(long id, String status, String sourceRef) {
        boolean open() {
            return status.equals("ACTIVE") || status.equals("REFERRED");
        }
    }

    private final JdbcClient jdbc;
    private final RegistryManagement registry;
    private final ApplicationEventPublisher events;

    EpisodeMerges(JdbcClient jdbc, RegistryManagement registry, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(ReturneesMerged event) {
        int removed = 0;
        for (ReturneesMerged.Merge m : event.merges()) {
            removed += merge(m.keptReturneeId(), m.mergedReturneeId());
        }
        events.publishEvent(new DuplicateEpisodesMerged(event.merges().size(), removed));
    }

    /** Merges the episodes of the two records into the kept record's; returns the number of episodes deleted. */
    int merge(long keptReturnee, long mergedReturnee) {
        List<Ep> episodes = jdbc.sql("""
                        select id, status, source_ref from observation_episode where returnee_id in (:kept, :merged)
                        order by start_date, id for update""")
                .param("kept", keptReturnee).param("merged", mergedReturnee)
                .query((rs, n) -> new Ep(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        List<Ep> open = episodes.stream().filter(Ep::open).toList();
        int removed = 0;
        Ep kept = open.isEmpty() ? null : open.get(0);
        for (Ep other : open.subList(Math.min(1, open.size()), open.size())) {
            mergeInto(other, kept);
            removed++;
        }
        jdbc.sql("update observation_episode set returnee_id = :kept where returnee_id = :merged")
                .param("kept", keptReturnee).param("merged", mergedReturnee).update();
        String status = kept != null
                ? jdbc.sql("select status from observation_episode where id = ?").param(kept.id()).query(String.class).single()
                : episodes.isEmpty() ? null : episodes.get(episodes.size() - 1).status();
        if (status != null) {
            registry.updateReturneeStatus(keptReturnee, switch (status) {
                case "ACTIVE" -> ReturneeStatus.UNDER_OBSERVATION;
                case "RELEASED" -> ReturneeStatus.RELEASED;
                default -> ReturneeStatus.REFERRED;
            });
        }
        return removed;
    }

    private void mergeInto(Ep duplicate, Ep kept) {
        jdbc.sql("""
                        update observation_check k set missed = false, temperature = c.temperature, symptoms = c.symptoms,
                                                       note = c.note, abnormal = c.abnormal, recorded_by = c.recorded_by,
                                                       recorded_at = c.recorded_at
                        from observation_check c
                        where c.episode_id = :dup and k.episode_id = :kept and k.check_date = c.check_date and k.slot = c.slot
                          and k.missed and not c.missed""")
                .param("dup", duplicate.id()).param("kept", kept.id()).update();
        jdbc.sql("""
                        update observation_check c set episode_id = :kept
                        where c.episode_id = :dup and not exists (select 1 from observation_check k
                              where k.episode_id = :kept and k.check_date = c.check_date and k.slot = c.slot)""")
                .param("dup", duplicate.id()).param("kept", kept.id()).update();
        jdbc.sql("delete from observation_check where episode_id = ?").param(duplicate.id()).update();
        jdbc.sql("update referral set episode_id = ? where episode_id = ?").params(kept.id(), duplicate.id()).update();
        jdbc.sql("update close_contact set episode_id = ? where episode_id = ?").params(kept.id(), duplicate.id()).update();
        if (duplicate.status().equals("REFERRED")) {
            jdbc.sql("update observation_episode set status = 'REFERRED' where id = ? and status = 'ACTIVE'").param(kept.id()).update();
        }
        jdbc.sql("insert into episode_merge(merged_episode_id, merged_source_ref, kept_episode_id) values (?, ?, ?) on conflict do nothing")
                .params(duplicate.id(), duplicate.sourceRef(), kept.id()).update();
        jdbc.sql("delete from observation_episode where id = ?").param(duplicate.id()).update();
    }
}
