package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only ({@code cordon.demo.observation=true}): three fictitious returnees of the sample
 * village 中鸡一村 (grid1's village) under observation — one whose period ends today with every check
 * normal, one with a feverish evening check (an open referral), one who arrived yesterday.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "cordon.demo.observation", havingValue = "true")
class DemoObservation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoObservation.class);
    private static final String VILLAGE = "610881106201";

    private final RegistryManagement registry;
    private final EpisodeManagement episodes;

    DemoObservation(RegistryManagement registry, EpisodeManagement episodes) {
        this.registry = registry;
        this.episodes = episodes;
    }

    @Override
    public void run(ApplicationArguments args) {
        CordonUser system = new CordonUser(0, "demo-data", null, "演示数据", Role.ADMIN, Jurisdiction.area("610881"), true);
        CordonUser worker = new CordonUser(0, "grid1", null, "演示数据", Role.GRID_WORKER, Jurisdiction.area(VILLAGE), true);
        LocalDate today = episodes.today();
        int created = 0;
        created += returnee(system, worker, "demo-returnee-1", "高建国", "42010219800312001", "13700000001", today.minusDays(14), null);
        created += returnee(system, worker, "demo-returnee-2", "白玉兰", "42010619920718002", "13700000002", today.minusDays(5), "37.6");
        created += returnee(system, worker, "demo-returnee-3", "乔明", "42011119751105003", "13700000003", today.minusDays(1), null);
        if (created > 0) {
            log.info("Demo data: {} returnees under observation in 中鸡一村〔示例〕", created);
        }
    }

    private int returnee(CordonUser system, CordonUser worker, String ref, String name, String first17, String phone, LocalDate arrived,
                         String lastEveningTemperature) {
        RegistryManagement.Registration r = registry.registerReturnee(system, new ReturneeRequest(ref, name, "RESIDENT_ID",
                withCheck(first17), null, phone, first17.substring(0, 6), arrived.minusDays(1), arrived, "TRAIN", "K1234",
                null, VILLAGE, "中鸡一村〔示例地址〕"));
        if (!r.created()) {
            return 0;
        }
        long episode = episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, VILLAGE,
                EpisodeReason.RISK_ARRIVAL, arrived, "grid1", "returnee:" + r.returnee().id());
        LocalDate today = episodes.today();
        for (LocalDate day = arrived; day.isBefore(today); day = day.plusDays(1)) {
            for (CheckSlot slot : CheckSlot.values()) {
                boolean last = day.equals(today.minusDays(1)) && slot == CheckSlot.EVENING;
                String t = last && lastEveningTemperature != null ? lastEveningTemperature : (slot == CheckSlot.MORNING ? "36.4" : "36.7");
                episodes.recordCheck(worker, episode, new CheckRequest(day, slot.name(), t, List.of(), null));
            }
        }
        return 1;
    }

    private static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

}
