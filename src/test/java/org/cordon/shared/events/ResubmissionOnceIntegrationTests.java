package org.cordon.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Two nodes' upkeep of the event registry hands a cut-off reaction out once: the stale publication is marked failed
 * and claimed by one resubmission (one more completion attempt), also when both nodes run at the same moment without
 * the ShedLock lock; it is not handed out again while a node processes it, and again once that resubmission itself
 * is stale (the node that took it died). The publication names a listener that does not
 * exist, so that handing it out changes nothing else.
 */
class ResubmissionOnceIntegrationTests extends IntegrationTestSupport {

    static final String EVENT = """
            {"passageId":-1,"checkpointCode":"KK01","townCode":"610881106","direction":"ENTERING",
             "recordedAt":"2020-01-01T00:00:00Z","recordedOn":"2020-01-01","occupants":0,"vehicle":false,
             "disinfected":false,"destinationAreaCode":"610881106201"}""";

    @Autowired
    IncompleteEventPublications incomplete;
    @Autowired
    CompletedEventPublications completed;
    @Autowired
    EventSettings settings;
    @Autowired
    Clock clock;
    @Autowired
    LockingTaskExecutor locks;

    EventPublicationMaintenance node() {
        return new EventPublicationMaintenance(incomplete, completed, settings, jdbc, clock, locks);
    }

    Map<String, Object> row(UUID id) {
        return jdbc.sql("select status, completion_attempts, last_resubmission_date from event_publication where id = ?")
                .param(id).query().singleRow();
    }

    @Test
    void aCutOffReactionIsHandedOutOnceByTwoNodesAndAgainOnlyWhenItsResubmissionIsStale() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event_publication(id, listener_id, event_type, serialized_event, publication_date, status,
                                                      completion_attempts)
                        values (?, 'org.cordon.RemovedListener.on(org.cordon.checkpoint.PassageRegistered)',
                                'org.cordon.checkpoint.PassageRegistered', ?, ?, 'PROCESSING', 0)""")
                .params(id, EVENT, Timestamp.from(Instant.now().minus(settings.staleAfter()).minus(Duration.ofMinutes(5))))
                .update();
        try {
            EventPublicationMaintenance a = node();
            EventPublicationMaintenance b = node();
            CompletableFuture.allOf(CompletableFuture.runAsync(a::resubmitIncompletePublications),
                    CompletableFuture.runAsync(b::resubmitIncompletePublications)).join();
            // handed out once; the missing listener then marks it failed again
            assertThat(row(id)).containsEntry("completion_attempts", 1);
            assertThat(row(id).get("last_resubmission_date")).isNotNull();

            // a living node is processing it now: neither node hands it out again
            jdbc.sql("update event_publication set status = 'PROCESSING' where id = ?").param(id).update();
            a.resubmitIncompletePublications();
            b.resubmitIncompletePublications();
            assertThat(row(id)).as("being processed: not handed out twice")
                    .containsEntry("status", "PROCESSING").containsEntry("completion_attempts", 1);

            // the node processing it died: once its resubmission is stale it is handed out again, once
            jdbc.sql("update event_publication set last_resubmission_date = ? where id = ?")
                    .params(Timestamp.from(Instant.now().minus(settings.staleAfter()).minusSeconds(1)), id).update();
            CompletableFuture.allOf(CompletableFuture.runAsync(b::resubmitIncompletePublications),
                    CompletableFuture.runAsync(a::resubmitIncompletePublications)).join();
            assertThat(row(id)).containsEntry("completion_attempts", 2);
        } finally {
            jdbc.sql("delete from event_publication where id = ?").param(id).update();
        }
    }
}
