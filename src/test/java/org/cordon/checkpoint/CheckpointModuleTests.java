package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * Checkpoint screening with only its dependencies (area, account): a car from Wuhan with a feverish passenger is one
 * passage, a fever referral and a risk arrival — announced by events that carry ids, never personal data. None of the
 * modules that react (registry, observation, dashboard) is in this context.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class CheckpointModuleTests {

    @Autowired
    CheckpointManagement checkpoints;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationContext context;

    private PassageRequest fromWuhan(String temperature) {
        return new PassageRequest(UUID.randomUUID(), "ENTERING", "鄂A" + (10000 + (int) (Math.random() * 89999)), "CAR", "420102",
                "610881106201", true, null, List.of(new PassageRequest.OccupantRequest("模块测试", "RESIDENT_ID",
                IntegrationTestSupport.randomIdNumber(), "13800138000", temperature, List.of(), true, false, false, null)));
    }

    @Test
    void aFeverishArrivalFromARiskAreaIsAPassageAndAReferral(Scenario scenario) {
        assertThat(context.getBeanNamesForType(org.cordon.registry.RegistryManagement.class)).isEmpty();
        CordonUser officer = (CordonUser) accounts.loadUserByUsername("officer1");
        PassageRequest request = fromWuhan("37.8");

        scenario.stimulate(() -> checkpoints.registerPassage(officer, "KK01", request))
                .andWaitForEventOfType(FeverReferralRequired.class)
                .toArriveAndVerify(e -> {
                    assertThat(e.checkpointCode()).isEqualTo("KK01");
                    assertThat(e.temperature()).isEqualByComparingTo("37.8");
                    assertThat(e.destinationAreaCode()).isEqualTo("610881106201");
                });
    }

    @Test
    void aHealthyArrivalFromARiskAreaIsHandedOnForHomeObservation(Scenario scenario) {
        CordonUser officer = (CordonUser) accounts.loadUserByUsername("officer1");
        PassageRequest request = fromWuhan("36.5");

        scenario.stimulate(() -> checkpoints.registerPassage(officer, "KK01", request))
                .andWaitForEventOfType(RiskArrivalsDetected.class)
                .toArriveAndVerify(e -> assertThat(e.arrivals()).singleElement()
                        .satisfies(a -> assertThat(a.originAreaCode()).isEqualTo("420102")));
    }
}
