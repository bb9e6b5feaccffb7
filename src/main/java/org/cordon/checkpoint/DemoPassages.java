package org.cordon.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import java.util.UUID;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile only ({@code cordon.demo.passages=true}): on a first start with no passages, registers a
 * morning's worth of sample passages (fictitious people with valid-format ID numbers) through the
 * normal registration path, so that lists, counts and alerts have something to show.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "cordon.demo.passages", havingValue = "true")
class DemoPassages implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPassages.class);
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "高", "郭", "马", "贺", "白", "乔"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "霞", "平"};
    private static final String[][] ORIGINS = {
            {"610802", "陕K"}, {"610881", "陕K"}, {"150602", "蒙K"}, {"150603", "蒙K"}, {"610113", "陕A"},
            {"420102", "鄂A"}, {"420106", "鄂A"}, {"140106", "晋A"}, {"610802", "陕K"}, {"610881", "陕K"}};
    private static final String[] DESTINATIONS = {"610881106201", "610881106202001", "610881104201", "610881003001002",
            "610881001001001", "610881102201"};

    private final CheckpointManagement checkpoints;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoPassages(CheckpointManagement checkpoints, JdbcClient jdbc, Clock clock) {
        this.checkpoints = checkpoints;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from passage)").query(Boolean.class).single()) {
            return;
        }
        CordonUser system = new CordonUser(0, "demo-data", null, "演示数据", Role.ADMIN, Jurisdiction.area("610881"), true);
        Random random = new Random(20200125);
        Instant now = clock.instant();
        List<String> codes = List.of("KK01", "KK01", "KK01", "KK02", "KK02", "KK03", "KK05", "KK10", "KK14");
        int count = 0;
        for (int i = 0; i < 24; i++) {
            String[] origin = ORIGINS[random.nextInt(ORIGINS.length)];
            int people = 1 + random.nextInt(3);
            java.util.ArrayList<PassageRequest.OccupantRequest> occupants = new java.util.ArrayList<>();
            for (int k = 0; k < people; k++) {
                double t = 36.0 + random.nextInt(10) / 10.0;
                if (random.nextInt(12) == 0) {
                    t = 37.5 + random.nextInt(8) / 10.0;
                }
                occupants.add(new PassageRequest.OccupantRequest(
                        SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : ""),
                        "RESIDENT_ID", idNumber(random, origin[0]), "13" + (100000000 + random.nextInt(899999999)),
                        String.format(java.util.Locale.ROOT, "%.1f", t), List.of(), false, false, false, null));
            }
            boolean entering = random.nextInt(4) != 0;
            PassageRequest request = new PassageRequest(UUID.nameUUIDFromBytes(("demo-passage-" + i).getBytes()),
                    entering ? "ENTERING" : "LEAVING",
                    origin[1] + (10000 + random.nextInt(89999)), "CAR", origin[0],
                    entering ? DESTINATIONS[random.nextInt(DESTINATIONS.length)] : null, random.nextInt(10) > 0,
                    now.minus(Duration.ofMinutes(7L * (24 - i))).atOffset(ZoneOffset.UTC), occupants);
            checkpoints.registerPassage(system, codes.get(i % codes.size()), request);
            count++;
        }
        log.info("Demo data: {} sample passages registered", count);
    }

    /** A fictitious resident ID number with a valid check character (born 1960–2004, region of origin). */
    static String idNumber(Random random, String areaCode) {
        String body = areaCode + String.format("%04d%02d%02d", 1960 + random.nextInt(45), 1 + random.nextInt(12),
                1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

}
