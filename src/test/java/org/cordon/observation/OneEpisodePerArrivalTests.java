package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cordon.IntegrationTestSupport;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One arrival, one open episode: starts for the same returnee record from several sources at once give one episode. */
class OneEpisodePerArrivalTests extends IntegrationTestSupport {

    @Autowired
    EpisodeManagement episodes;
    @Autowired
    RegistryManagement registry;

    @Test
    void concurrentStartsForOneReturneeRecordGiveOneEpisode() throws Exception {
        // a self-report: a returnee record without an episode (observation starts on confirmation)
        String confirmation = "E" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        LocalDate arrived = today().minusDays(1);
        assertThat(registry.selfReport(confirmation, new ReturneeRequest(null, "司马光", "RESIDENT_ID", randomIdNumber(), null,
                randomPhone(), "420102", null, arrived, "TRAIN", null, null, "610881106201", null))).isEmpty();
        long returnee = jdbc.sql("select id from returnee where source_ref = ?").param(confirmation).query(Long.class).single();
        long person = jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single();

        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> started = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String source = "test-start:" + UUID.randomUUID();
                started.add(pool.submit(() -> {
                    start.await();
                    return episodes.startEpisode(person, returnee, EpisodeKind.HOME, null, "610881106201", EpisodeReason.RISK_ARRIVAL,
                            arrived, "grid1", source);
                }));
            }
            start.countDown();
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : started) {
                ids.add(f.get());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from observation_episode where returnee_id = ?", returnee)).isEqualTo(1);
        assertThat(count("select count(*) from observation_episode where person_id = ?", person)).isEqualTo(1);
    }
}
