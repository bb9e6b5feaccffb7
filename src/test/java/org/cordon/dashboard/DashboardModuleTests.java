package org.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.cordon.checkpoint.Direction;
import org.cordon.checkpoint.PassageRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard with the modules it depends on (it reads their APIs, not their tables): it counts what the other modules announce. A passage event (no passage
 * row is needed: the read model is fed by the event) adds one passage to the checkpoint's hour.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class DashboardModuleTests {

    @Autowired
    JdbcClient jdbc;

    private long passagesAt(LocalDate day, int hour) {
        return jdbc.sql("select coalesce(sum(passages), 0) from dash_daily where day = ? and hour = ? and checkpoint_code = 'KK03'")
                .params(day, hour).query(Long.class).single();
    }

    @Test
    void aPassageEventIsCountedOnceInItsCheckpointsHour(Scenario scenario) {
        ZonedDateTime at = ZonedDateTime.of(2031, 1, 2, 3, 4, 0, 0, ZoneId.of("Asia/Shanghai")).plusMinutes((long) (Math.random() * 50));
        Instant recorded = at.toInstant();
        long id = 900_000_000L + (long) (Math.random() * 1_000_000);
        PassageRegistered event = new PassageRegistered(id, "KK03", "610881102", Direction.ENTERING, recorded, at.toLocalDate(), 3, true,
                true, "610881102", 0, 0);
        long before = passagesAt(at.toLocalDate(), at.getHour());

        scenario.publish(event).andWaitForStateChange(() -> passagesAt(at.toLocalDate(), at.getHour()), n -> n > before)
                .andVerify(n -> assertThat(n).isEqualTo(before + 1));
    }
}
