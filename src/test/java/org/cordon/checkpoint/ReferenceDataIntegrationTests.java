package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.cordon.IntegrationTestSupport;
import org.cordon.area.AreaManagement;
import org.cordon.shared.db.ReferenceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reference data every registration reads (checkpoints, screening rules, areas, divisions) comes from caches that
 * stay correct when edited: by this node (at once), by another node or by hand in the database (through the
 * triggers' notifications), and not kept when loaded while a change arrived.
 */
class ReferenceDataIntegrationTests extends IntegrationTestSupport {

    @Autowired
    CheckpointManagement checkpoints;
    @Autowired
    AreaManagement areas;
    @Autowired
    ReferenceData referenceData;
    @Autowired
    DataSource dataSource;

    @Test
    void theCachesListenOnceStarted() {
        await().atMost(Duration.ofSeconds(10)).until(referenceData::listening);
    }

    @Test
    void aChangeMadeOutsideThisNodeReachesItsCaches() {
        await().atMost(Duration.ofSeconds(10)).until(referenceData::listening);
        String name = areas.findArea("610881106201").orElseThrow().name();
        BigDecimal threshold = checkpoints.rules().feverThreshold();
        try {
            // as another node (or an operator with psql) would: straight into the tables, past this node's code
            jdbc.sql("update area set name = name || '·' where code = '610881106201'").update();
            jdbc.sql("update screening_rules set fever_threshold = 37.2 where id = 1").update();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(areas.findArea("610881106201").orElseThrow().name()).isEqualTo(name + "·");
                assertThat(checkpoints.rules().feverThreshold()).isEqualByComparingTo("37.2");
            });
        } finally {
            jdbc.sql("update area set name = ? where code = '610881106201'").param(name).update();
            jdbc.sql("update screening_rules set fever_threshold = ? where id = 1").param(threshold).update();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(areas.findArea("610881106201").orElseThrow().name()).isEqualTo(name));
    }

    @Test
    void aRiskAreaAddedHereScreensTheVeryNextPassage() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(referenceData::listening);
        long before = checkpoints.rules().riskAreas().size();
        // through the rules page's service, then at once (no waiting for a notification)
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/risk-areas")
                        .with(as("commander")).contentType("application/json")
                        .content("{\"codePrefix\":\"5101\",\"validFrom\":\"" + today().minusDays(1) + "\"}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is2xxSuccessful());
        assertThat(checkpoints.rules().riskAreas()).hasSize((int) before + 1);
        assertThat(checkpoints.rules().riskAreas()).anyMatch(r -> r.codePrefix().equals("5101") && r.validTo() == null);
        jdbc.sql("update risk_area set valid_to = valid_from where code_prefix = '5101' and valid_to is null").update();
    }

    @Test
    void aValueLoadedWhileItsTableChangedIsNotKept() {
        ReferenceData.Cache<String, String> cache = referenceData.cache("test", Set.of("test_table"), 10);
        await().atMost(Duration.ofSeconds(10)).until(referenceData::listening);
        AtomicInteger loads = new AtomicInteger();
        // the change arrives while the value is being read
        assertThat(cache.get("k", k -> {
            loads.incrementAndGet();
            referenceData.changed("test_table");
            return "old";
        })).isEqualTo("old");
        assertThat(cache.get("k", k -> {
            loads.incrementAndGet();
            return "new";
        })).as("read again, not the value loaded during the change").isEqualTo("new");
        assertThat(cache.get("k", k -> {
            loads.incrementAndGet();
            return "newer";
        })).as("kept this time").isEqualTo("new");
        assertThat(loads).hasValue(2);
    }

    @Test
    void withoutTheListeningConnectionTheCachesAreBypassed() {
        ReferenceData standalone = new ReferenceData(dataSource);   // never started: not listening
        ReferenceData.Cache<String, Integer> cache = standalone.cache("test", Set.of("area"), 10);
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", k -> loads.incrementAndGet());
        cache.get("k", k -> loads.incrementAndGet());
        assertThat(loads).as("read from the database each time").hasValue(2);
    }
}
