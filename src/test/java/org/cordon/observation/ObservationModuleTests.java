package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRegistered;
import org.cordon.registry.ReturneeSource;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.TransportMode;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The observation module started alone with its direct dependencies (registry, checkpoint, area, account): a returnee
 * registered elsewhere — here only the event — starts the 14-day home observation.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class ObservationModuleTests {

    @Autowired
    RegistryManagement registry;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aRegisteredReturneeStartsHomeObservation(Scenario scenario) {
        String id = IntegrationTestSupport.randomIdNumber();
        LocalDate arrived = LocalDate.now();
        PersonData person = new PersonData(IdNumber.parse(IdType.RESIDENT_ID, id), "", "模块测试", null, null, null);
        long returnee = registry.registerReturneeFrom(ReturneeSource.CHECKPOINT, "module-test:" + UUID.randomUUID(), person, "420102",
                arrived, TransportMode.SELF_DRIVE, null, "610881106201", null, ReturneeStatus.UNVERIFIED, "module-test");
        long personId = jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single();

        scenario.publish(new ReturneeRegistered(returnee, personId, "610881106201", arrived, ReturneeSource.CHECKPOINT, null))
                .andWaitForEventOfType(ObservationStarted.class)
                .matching(e -> e.personId() == personId)
                .toArriveAndVerify(e -> {
                    assertThat(e.kind()).isEqualTo(EpisodeKind.HOME);
                    assertThat(e.areaCode()).isEqualTo("610881106201");
                    assertThat(e.plannedEnd()).isEqualTo(arrived.plusDays(14));
                });
    }
}
