package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.notice.NoticeFixtures.COMMANDER;
import static org.cordon.notice.NoticeFixtures.cityNow;
import static org.cordon.notice.NoticeFixtures.closing;
import static org.cordon.notice.NoticeFixtures.venue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.List;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A venue's status follows the published notices in effect: closed while one is in effect, open before it
 * starts, after it ends and once it is revoked; the earliest notice in effect is the one named.
 */
class VenueStatusIntegrationTests extends IntegrationTestSupport {

    @Autowired
    NoticeManagement notices;

    @Autowired
    PortalManagement portal;

    Place venueNow(long id) {
        return notices.place(COMMANDER, TargetType.VENUE, id);
    }

    NoticeView publish(NoticeRequest request) {
        return notices.publish(COMMANDER, notices.createDraft(COMMANDER, request).id());
    }

    @Test
    void aNoticeInEffectClosesTheVenueAndThePortalSaysByWhichNoticeSinceWhen() throws Exception {
        long id = NoticeFixtures.newVenue(notices);
        String name = venueNow(id).name();
        assertThat(venueNow(id).closed()).isFalse();

        NoticeView draft = notices.createDraft(COMMANDER, closing("关闭测试博物馆", cityNow().minusHours(2), null, venue(id)));
        assertThat(venueNow(id).closed()).as("a draft closes nothing").isFalse();
        NoticeView n = notices.publish(COMMANDER, draft.id());

        Place closed = venueNow(id);
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closure().noticeId()).isEqualTo(n.id());
        assertThat(closed.closure().number()).isEqualTo(n.number());
        assertThat(closed.closure().since()).isEqualTo(n.effectiveFrom());
        assertThat(closed.closure().until()).isNull();
        assertThat(portal.status().closedVenues()).extracting(Place::id).contains(id);

        String page = body(mvc.perform(get("/portal")).andExpect(status().isOk()).andReturn());
        String section = page.substring(page.indexOf("id=\"closed-venues\""), page.indexOf("id=\"cancelled-events\""));
        assertThat(section).contains(name).contains(n.year() + "年第" + n.number() + "号").contains("起关闭");
        mvc.perform(get("/portal/api/status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.closedVenues[?(@.id == " + id + ")].closure.number").value(n.number()))
                .andExpect(jsonPath("$.notices[?(@.id == " + n.id() + ")].title").value("关闭测试博物馆"));
    }

    @Test
    void aNoticeNotYetInEffectLeavesTheVenueOpenButIsAnnounced() {
        long id = NoticeFixtures.newVenue(notices);
        NoticeView n = publish(closing("明天起关闭", cityNow().plusDays(1), null, venue(id)));
        assertThat(venueNow(id).closed()).isFalse();
        assertThat(n.inEffect()).isFalse();
        assertThat(portal.status().notices()).extracting(PublicNotice::id).contains(n.id());
    }

    @Test
    void aNoticeThatEndedLeavesTheVenueOpenAgain() {
        long id = NoticeFixtures.newVenue(notices);
        NoticeView n = publish(closing("已到期", cityNow().minusDays(3), cityNow().minusDays(1), venue(id)));
        assertThat(venueNow(id).closed()).isFalse();
        assertThat(portal.status().notices()).extracting(PublicNotice::id).doesNotContain(n.id());
        assertThat(portal.status().closedVenues()).extracting(Place::id).doesNotContain(id);
    }

    @Test
    void revocationReopensTheVenueAtOnce() {
        long id = NoticeFixtures.newVenue(notices);
        NoticeView n = publish(closing("将被撤销", cityNow().minusHours(1), cityNow().plusDays(10), venue(id)));
        assertThat(venueNow(id).closed()).isTrue();
        assertThat(venueNow(id).closure().until()).isEqualTo(n.effectiveTo());

        notices.revoke(COMMANDER, n.id(), "提前恢复开放");

        assertThat(venueNow(id).closed()).isFalse();
        assertThat(portal.status().notices()).extracting(PublicNotice::id).doesNotContain(n.id());
    }

    @Test
    void withSeveralNoticesTheEarliestIsNamedAndTheVenueStaysClosedUntilTheLastEnds() {
        long id = NoticeFixtures.newVenue(notices);
        LocalDateTime now = cityNow();
        NoticeView later = publish(closing("第二份", now.minusHours(1), now.plusDays(20), venue(id)));
        NoticeView earlier = publish(closing("第一份", now.minusDays(2), now.plusDays(5), venue(id)));

        Place p = venueNow(id);
        assertThat(p.closure().noticeId()).isEqualTo(earlier.id());
        assertThat(p.closure().notices()).isEqualTo(2);
        assertThat(p.closure().until()).isEqualTo(later.effectiveTo());

        notices.revoke(COMMANDER, earlier.id(), "撤销第一份");
        assertThat(venueNow(id).closure().noticeId()).as("still closed by the other notice").isEqualTo(later.id());
    }

    @Test
    void eventsAreCancelledAndServicesSuspendedLikeVenuesAreClosed() throws Exception {
        long event = notices.addPlace(COMMANDER, TargetType.EVENT,
                new PlaceRequest(null, NoticeFixtures.unique("元宵灯会〔示例〕"), null, "神木市区", null, null));
        long service = notices.addPlace(COMMANDER, TargetType.SERVICE,
                new PlaceRequest("CITY_BUS", NoticeFixtures.unique("测试公交线路"), null, null, null, null));
        publish(new NoticeRequest("取消活动、停运公交", "自即日起取消活动、停运公交。", "神木市疫情防控工作领导小组",
                List.of("EVENT_CANCELLATION", "TRANSPORT_SUSPENSION"), cityNow().minusMinutes(5), null,
                List.of(new NoticeRequest.TargetRef(TargetType.EVENT, event), new NoticeRequest.TargetRef(TargetType.SERVICE, service))));

        PortalStatus s = portal.status();
        assertThat(s.cancelledEvents()).extracting(Place::id).contains(event);
        assertThat(s.suspendedServices()).extracting(Place::id).contains(service);
        String page = body(mvc.perform(get("/portal")).andExpect(status().isOk()).andReturn());
        assertThat(page.substring(page.indexOf("id=\"suspended-services\""))).contains("起停运");
        assertThat(page.substring(page.indexOf("id=\"cancelled-events\""))).contains("起取消");
    }

    @Test
    void theSeededPlacesAreThoseOfTheNotices() {
        assertThat(notices.places(COMMANDER, TargetType.VENUE)).extracting(Place::name)
                .contains("石峁遗址", "高家堡古镇", "二郎山", "红碱淖");
        assertThat(notices.places(COMMANDER, TargetType.EVENT)).extracting(Place::name).contains("陕北年·看神木");
        assertThat(notices.places(COMMANDER, TargetType.SERVICE)).extracting(Place::name).contains("城市候机楼大巴");
    }
}
