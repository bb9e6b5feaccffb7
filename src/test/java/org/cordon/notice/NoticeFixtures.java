package org.cordon.notice;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;

/** Users, fresh places and notice requests for the notice tests. */
final class NoticeFixtures {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    static final CordonUser COMMANDER = new CordonUser(0, "commander", null, "test commander", Role.COMMANDER,
            Jurisdiction.area("610881"), true);
    static final CordonUser GRID_WORKER = new CordonUser(0, "grid1", null, "test grid worker", Role.GRID_WORKER,
            Jurisdiction.area("610881106201"), true);

    private NoticeFixtures() {
    }

    /** Now in city time, to the minute. */
    static LocalDateTime cityNow() {
        return LocalDateTime.now(CITY).withSecond(0).withNano(0);
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static NoticeRequest closing(String title, LocalDateTime from, LocalDateTime to, NoticeRequest.TargetRef... targets) {
        return new NoticeRequest(title, "为做好疫情防控工作，现通告如下：自即日起关闭下列场所。", "神木市疫情防控工作领导小组",
                List.of("VENUE_CLOSURE"), from, to, List.of(targets));
    }

    static NoticeRequest.TargetRef venue(long id) {
        return new NoticeRequest.TargetRef(TargetType.VENUE, id);
    }

    /** A new venue of its own, so that notices of other tests do not touch it. */
    static long newVenue(NoticeManagement notices) {
        return notices.addPlace(COMMANDER, TargetType.VENUE, new PlaceRequest("MUSEUM", unique("测试博物馆"), "610881003", null, null, null));
    }
}
