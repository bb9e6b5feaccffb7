package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.checkpoint.PassageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The registry started alone with its direct dependencies (checkpoint, area, account): an arrival from a risk area
 * screened at a checkpoint is handed over as a registered returnee of its destination, with the village's grid worker
 * responsible. The modules that react further (observation, dashboard) are not in this context.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class RegistryModuleTests {

    @Autowired
    CheckpointManagement checkpoints;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationContext context;

    @Test
    void aRiskArrivalAtACheckpointBecomesARegisteredReturnee(Scenario scenario) {
        assertThat(context.getBeanNamesForType(org.cordon.observation.EpisodeManagement.class)).as("observation is not started").isEmpty();
        CordonUser officer = (CordonUser) accounts.loadUserByUsername("officer1");
        PassageRequest request = new PassageRequest(UUID.randomUUID(), "ENTERING", "鄂A" + (10000 + (int) (Math.random() * 89999)), "CAR",
                "420102", "610881106201", true, null, List.of(new PassageRequest.OccupantRequest("模块测试", "RESIDENT_ID",
                IntegrationTestSupport.randomIdNumber(), "13800138000", "36.5", List.of(), true, false, false, null)));

        scenario.stimulate(() -> checkpoints.registerPassage(officer, "KK01", request))
                .andWaitForEventOfType(ReturneeRegistered.class)
                .matching(e -> e.source() == ReturneeSource.CHECKPOINT && e.destinationCode().equals("610881106201"))
                .toArriveAndVerify(e -> assertThat(e.responsibleUsername()).isEqualTo("grid1"));
    }

    @Test
    void thePassagesRiskArrivalsAreHandedOverTogether(Scenario scenario) {
        CordonUser officer = (CordonUser) accounts.loadUserByUsername("officer1");
        String first = IntegrationTestSupport.randomIdNumber();
        String second = IntegrationTestSupport.randomIdNumber();
        PassageRequest request = new PassageRequest(UUID.randomUUID(), "ENTERING", "鄂A" + (10000 + (int) (Math.random() * 89999)), "CAR",
                "420102", "610881106201", true, null, List.of(
                new PassageRequest.OccupantRequest("模块测试甲", "RESIDENT_ID", first, "13800138000", "36.5", List.of(), true, false, false, null),
                new PassageRequest.OccupantRequest("模块测试乙", "RESIDENT_ID", second, "13800138001", "36.6", List.of(), true, false, false, null)));

        // one announcement for both (observation, the health code and the statistics take them in one reaction each)
        scenario.stimulate(() -> checkpoints.registerPassage(officer, "KK01", request))
                .andWaitForEventOfType(ReturneesRegistered.class)
                .matching(e -> e.returnees().stream().allMatch(r -> r.source() == ReturneeSource.CHECKPOINT))
                .toArriveAndVerify(e -> assertThat(e.returnees()).hasSize(2)
                        .allSatisfy(r -> assertThat(r.destinationCode()).isEqualTo("610881106201")));
    }
}
