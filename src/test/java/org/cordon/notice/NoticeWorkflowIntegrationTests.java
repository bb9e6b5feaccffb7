package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cordon.notice.NoticeFixtures.COMMANDER;
import static org.cordon.notice.NoticeFixtures.GRID_WORKER;
import static org.cordon.notice.NoticeFixtures.cityNow;
import static org.cordon.notice.NoticeFixtures.closing;
import static org.cordon.notice.NoticeFixtures.venue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.security.access.AccessDeniedException;

/** The notice workflow: draft → published (numbered in order, immutable) → revoked; who may do what; validation. */
@RecordApplicationEvents
class NoticeWorkflowIntegrationTests extends IntegrationTestSupport {

    @Autowired
    NoticeManagement notices;

    @Autowired
    AccountManagement accounts;

    @Test
    void publicationNumbersNoticesOfTheYearInOrderAndMakesThemImmutable() throws Exception {
        long venue = NoticeFixtures.newVenue(notices);
        NoticeView first = notices.createDraft(COMMANDER, closing("第一份通告", cityNow(), null, venue(venue)));
        NoticeView second = notices.createDraft(COMMANDER, closing("第二份通告", cityNow(), null));
        assertThat(first.status()).isEqualTo(NoticeStatus.DRAFT);
        assertThat(first.number()).isNull();

        NoticeView published1 = notices.publish(COMMANDER, first.id());
        NoticeView published2 = notices.publish(COMMANDER, second.id());

        assertThat(published1.status()).isEqualTo(NoticeStatus.PUBLISHED);
        assertThat(published1.year()).isEqualTo(cityNow().getYear());
        assertThat(published2.year()).isEqualTo(published1.year());
        assertThat(published2.number()).isEqualTo(published1.number() + 1);
        assertThat(published1.publishedBy()).isEqualTo("commander");
        assertThat(published1.inEffect()).isTrue();
        assertThat(published1.targets()).extracting(NoticeView.TargetSummary::id).containsExactly(venue);

        // published: no edit, no second publication, no deletion
        assertThatThrownBy(() -> notices.updateDraft(COMMANDER, first.id(), closing("改了", cityNow(), null)))
                .isInstanceOf(ValidationFailedException.class);
        assertThatThrownBy(() -> notices.publish(COMMANDER, first.id())).isInstanceOf(ValidationFailedException.class);
        assertThatThrownBy(() -> notices.deleteDraft(COMMANDER, first.id())).isInstanceOf(ValidationFailedException.class);
        assertThat(notices.notice(COMMANDER, first.id()).title()).isEqualTo("第一份通告");
        assertThat(notices.notice(COMMANDER, first.id()).number()).isEqualTo(published1.number());
    }

    @Test
    void revocationNeedsAReasonAndEndsTheNotice(ApplicationEvents events) {
        NoticeView draft = notices.createDraft(COMMANDER, closing("待撤销的通告", cityNow(), null));
        assertThatThrownBy(() -> notices.revoke(COMMANDER, draft.id(), "草稿不能撤销"))
                .isInstanceOf(ValidationFailedException.class);
        notices.publish(COMMANDER, draft.id());
        assertThatThrownBy(() -> notices.revoke(COMMANDER, draft.id(), "  "))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("reason"));

        NoticeView revoked = notices.revoke(COMMANDER, draft.id(), "疫情形势好转，恢复开放");

        assertThat(revoked.status()).isEqualTo(NoticeStatus.REVOKED);
        assertThat(revoked.inEffect()).isFalse();
        assertThat(revoked.revokeReason()).isEqualTo("疫情形势好转，恢复开放");
        assertThat(revoked.number()).isNotNull();
        assertThatThrownBy(() -> notices.revoke(COMMANDER, draft.id(), "再次撤销")).isInstanceOf(ValidationFailedException.class);
        assertThat(events.stream(NoticePublished.class).filter(e -> e.noticeId() == draft.id())).hasSize(1);
        assertThat(events.stream(NoticeRevoked.class).filter(e -> e.noticeId() == draft.id())).hasSize(1);
    }

    @Test
    void concurrentPublicationsGetDistinctConsecutiveNumbers() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(notices.createDraft(COMMANDER, closing("并发通告 " + i, cityNow(), null)).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> tasks = ids.stream().<Callable<Integer>>map(id -> () -> notices.publish(COMMANDER, id).number()).toList();
            List<Integer> numbers = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                numbers.add(f.get());
            }
            Collections.sort(numbers);
            assertThat(numbers).doesNotHaveDuplicates();
            assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).isEqualTo(numbers.size() - 1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void invalidDraftsAreRejectedFieldByFieldAndNothingIsStored() {
        long before = count("select count(*) from notice");
        LocalDateTime now = cityNow();
        NoticeRequest bad = new NoticeRequest("", "x".repeat(NoticeManagement.MAX_BODY + 1), "发布单位", List.of(), now, now.minusHours(1),
                List.of(new NoticeRequest.TargetRef(TargetType.VENUE, 987_654_321L)));
        assertThatThrownBy(() -> notices.createDraft(COMMANDER, bad))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactlyInAnyOrder("title", "body", "categories", "effectiveTo", "targets"));
        NoticeRequest longTitle = new NoticeRequest("标".repeat(101), "正文", "发布单位", List.of("NOT_A_CATEGORY"), null, null, null);
        assertThatThrownBy(() -> notices.createDraft(COMMANDER, longTitle))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactlyInAnyOrder("title", "categories", "effectiveFrom"));
        assertThat(count("select count(*) from notice")).isEqualTo(before);
    }

    @Test
    void onlyCommandersAndAdministratorsWriteNotices() throws Exception {
        assertThatThrownBy(() -> notices.createDraft(GRID_WORKER, closing("无权", cityNow(), null)))
                .isInstanceOf(AccessDeniedException.class);
        mvc.perform(get("/api/v1/notices").with(as("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/notices")).andExpect(status().isUnauthorized());
        mvc.perform(get("/notices").with(user(accounts.loadUserByUsername("officer1")))).andExpect(status().isForbidden());
        mvc.perform(get("/notices").with(user(accounts.loadUserByUsername("commander")))).andExpect(status().isOk());
        // every staff member may see the venues with their status
        mvc.perform(get("/api/v1/venues").with(as("grid1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '石峁遗址')]").exists());
    }

    @Test
    void theApiRunsTheWholeWorkflowWithProblemDetails() throws Exception {
        String from = cityNow().toString();
        String created = body(mvc.perform(post("/api/v1/notices").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content("""
                                {"title":"关于停运城市候机楼大巴的通告","body":"自即日起停运。","issuer":"神木市疫情防控工作领导小组",
                                 "categories":["TRANSPORT_SUSPENSION"],"effectiveFrom":"%s","targets":[]}""".formatted(from)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("DRAFT")).andReturn());
        long id = ((Number) com.jayway.jsonpath.JsonPath.read(created, "$.id")).longValue();

        mvc.perform(put("/api/v1/notices/{id}", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content("""
                                {"title":"","body":"自即日起停运。","issuer":"x","categories":["TRANSPORT_SUSPENSION"],
                                 "effectiveFrom":"%s","effectiveTo":"%s"}""".formatted(from, from)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'title')].code").value("validation.required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'effectiveTo')].message").value("The end must be later than the start"));

        mvc.perform(post("/api/v1/notices/{id}/publish", id).header("X-Cordon-Client", "test").with(as("commander")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED")).andExpect(jsonPath("$.number").isNumber());
        mvc.perform(put("/api/v1/notices/{id}", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title":"改","body":"改","issuer":"x","categories":["HEALTH_ADVICE"],"effectiveFrom":"%s"}""".formatted(from)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(post("/api/v1/notices/{id}/revoke", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/v1/notices/{id}/revoke", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"恢复运行\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED"));
        mvc.perform(get("/api/v1/notices/{id}", 987_654_321L).with(as("commander"))).andExpect(status().isNotFound());
    }
}
