package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.cordon.IntegrationTestSupport;
import org.cordon.dashboard.DashboardManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A roster import publishes one {@link ReturneesRegistered} per stored chunk, and the listeners (observation episodes,
 * health code, dashboard) handle a chunk as they handle each returnee registered alone: every new returnee gets exactly
 * one episode, the dashboard counts each once and equals a recount from the source tables, importing the file again or
 * delivering a chunk's event again changes nothing.
 */
class RosterImportChunkTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String OTHER_VILLAGE = "610881106202";
    static final int ROWS = 3_000;

    @Autowired
    DashboardManagement dashboard;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DataSource dataSource;

    @Autowired
    IncompleteEventPublications incomplete;

    /** A CSV of {@code rows} new returnees over two villages and five arrival days, each row's address the marker. */
    static byte[] roster(String marker, int rows) {
        StringBuilder csv = new StringBuilder(RosterImportTests.HEADER).append("\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.join(",", "赵" + (char) ('一' + i % 20), "", randomIdNumber(), "", randomPhone(), "420102", "",
                    today().minusDays(i % 5).toString(), "火车", "G1234", "", i % 3 == 0 ? OTHER_VILLAGE : VILLAGE, marker))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    MvcResult importAsCommander(byte[] file) throws Exception {
        return mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "roster.csv", "text/csv", file)).with(as("commander"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn();
    }

    /** Waits until every event publication (of any module) since {@code since} has completed. */
    void awaitListeners(Instant since) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("select count(*) from event_publication where completion_date is null and publication_date >= ?",
                        Timestamp.from(since)) == 0);
    }

    long publications(String eventType, Instant since) {
        return count("select count(*) from event_publication where event_type = ? and publication_date >= ?", eventType,
                Timestamp.from(since));
    }

    /**
     * Publications of an event type since a time that concern the persons of the import marked {@code marker}: events
     * with a list ({@code listField}: each entry's personId) or of one person (its personId).
     */
    long ofThisImport(String eventType, String listField, Instant since, String marker) {
        String persons = "(select person_id from returnee where destination_address = ?)";
        String concerns = listField == null
                ? "(p.serialized_event::jsonb ->> 'personId')::bigint in " + persons
                : "exists (select 1 from jsonb_array_elements(p.serialized_event::jsonb -> '" + listField + "') e"
                        + " where (e ->> 'personId')::bigint in " + persons + ")";
        return count("select count(*) from event_publication p where p.event_type = ? and p.publication_date >= ? and " + concerns,
                eventType, Timestamp.from(since), marker);
    }

    /** Returnees, episodes started (dashboard) in the two villages, all days. */
    long[] dashboardFigures() {
        return jdbc.sql("""
                        select coalesce(sum(returnees), 0), coalesce(sum(episodes_started), 0) from dash_daily
                        where area_code in (?, ?)""").params(VILLAGE, OTHER_VILLAGE)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    List<String> facts() {
        return jdbc.sql("select d::text from dash_daily d order by day, hour, area_code, checkpoint_code").query(String.class).list();
    }

    @Test
    void aThreeThousandRowImportStartsEachEpisodeExactlyOnceAndAReimportStartsNone() throws Exception {
        awaitListeners(Instant.now().minusSeconds(300));
        dashboard.rebuild("test");
        long[] before = dashboardFigures();
        String marker = "chunk-test-" + UUID.randomUUID();
        byte[] file = roster(marker, ROWS);
        Instant start = Instant.now().minusMillis(500);

        MvcResult result = importAsCommander(file);

        assertThat(readLong(result, "$.saved")).isEqualTo(ROWS);
        awaitListeners(start);
        // one event per stored chunk (1,000 rows each), one publication per listener of it; none per returnee
        long chunks = (ROWS + RosterImportManagement.CHUNK_SIZE - 1) / RosterImportManagement.CHUNK_SIZE;
        // (counted for this import's persons only: other tests' reactions publish returnees and episodes meanwhile)
        assertThat(ofThisImport(ReturneesRegistered.class.getName(), "returnees", start, marker)).isEqualTo(chunks * 3);
        assertThat(ofThisImport(ReturneeRegistered.class.getName(), null, start, marker)).isZero();
        assertThat(ofThisImport("org.cordon.observation.ObservationsStarted", "started", start, marker)).isEqualTo(chunks * 2);
        assertThat(ofThisImport("org.cordon.observation.ObservationStarted", null, start, marker)).isZero();

        assertThat(count("select count(*) from returnee where destination_address = ?", marker)).isEqualTo(ROWS);
        // exactly one episode per returnee, as a single registration starts it
        assertThat(count("""
                select count(*) from returnee r join observation_episode e on e.returnee_id = r.id
                where r.destination_address = ? and e.source_ref = 'returnee:' || r.id and e.kind = 'HOME'
                  and e.reason = 'RISK_ARRIVAL' and e.status = 'ACTIVE' and e.area_code = r.destination_code
                  and e.start_date = r.arrived_on and e.planned_end = r.arrived_on + 14""", marker)).isEqualTo(ROWS);
        assertThat(count("""
                select count(*) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address = ?""", marker)).isEqualTo(ROWS);
        assertThat(count("select count(*) from returnee where destination_address = ? and status = 'UNDER_OBSERVATION'", marker))
                .isEqualTo(ROWS);
        assertThat(count("""
                select count(*) from returnee r where r.destination_address = ?
                  and exists (select 1 from person_area a where a.person_id = r.person_id and a.area_code = r.destination_code)""",
                marker)).isEqualTo(ROWS);
        long[] after = dashboardFigures();
        assertThat(after[0] - before[0]).isEqualTo(ROWS);
        assertThat(after[1] - before[1]).isEqualTo(ROWS);
        // the read model the chunks built equals a recount from the source tables
        List<String> maintained = facts();
        dashboard.rebuild("test");
        assertThat(facts()).isEqualTo(maintained);

        Instant again = Instant.now();
        MvcResult second = importAsCommander(file);

        assertThat(readLong(second, "$.saved")).isZero();
        assertThat(readLong(second, "$.alreadyPresent")).isEqualTo(ROWS);
        awaitListeners(start);
        assertThat(publications(ReturneesRegistered.class.getName(), again)).isZero();
        assertThat(count("""
                select count(*) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address = ?""", marker)).isEqualTo(ROWS);
        assertThat(dashboardFigures()).containsExactly(after);
    }

    @Test
    void aChunkDeliveredAgainChangesNothing() throws Exception {
        Instant start = Instant.now().minusMillis(500);
        String marker = "chunk-again-" + UUID.randomUUID();
        StringBuilder csv = new StringBuilder(RosterImportTests.HEADER).append("\r\n");
        for (int i = 0; i < 5; i++) {
            csv.append(RosterImportTests.row("钱" + (char) ('一' + i), randomIdNumber(), today().minusDays(i), VILLAGE)
                    .replace("中鸡一村 1 号", marker)).append("\r\n");
        }
        assertThat(readLong(importAsCommander(csv.toString().getBytes(StandardCharsets.UTF_8)), "$.saved")).isEqualTo(5);
        awaitListeners(start);
        long[] figures = dashboardFigures();
        List<String> episodes = episodesOf(marker);
        assertThat(episodes).hasSize(5);
        List<ReturneeRegistered> chunk = jdbc.sql("""
                        select id, person_id, destination_code, arrived_on, responsible_username from returnee
                        where destination_address = ? order by id""").param(marker)
                .query((rs, n) -> new ReturneeRegistered(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), ReturneeSource.IMPORTED, rs.getString(5)))
                .list();
        // every publication of the import completed before this instant (and its episodes' were published before that)
        Instant redelivered = Instant.now();

        // as the publication registry would deliver it again after a crash: same event, every listener
        tx.executeWithoutResult(s -> events.publishEvent(new ReturneesRegistered(new ArrayList<>(chunk))));

        await().atMost(Duration.ofSeconds(30)).until(() -> publications(ReturneesRegistered.class.getName(), redelivered) == 3);
        awaitListeners(start);
        assertThat(episodesOf(marker)).isEqualTo(episodes);
        assertThat(publications("org.cordon.observation.ObservationsStarted", redelivered)).isZero();
        assertThat(dashboardFigures()).containsExactly(figures);
    }

    @Test
    void aChunkWhoseEpisodesFailedMidwayIsRetriedWithoutDoubling() throws Exception {
        Instant start = Instant.now().minusMillis(500);
        awaitListeners(Instant.now().minusSeconds(300));
        long[] before = dashboardFigures();
        String marker = "chunk-retry-" + UUID.randomUUID();
        int rows = 1_500;
        try (Connection blocker = dataSource.getConnection()) {
            // the observation listener's statements for the persons' areas wait behind this lock; its connection is then
            // cut (as by a database restart): the listener fails in the middle of its chunk
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("lock table person_area in share mode");
            }
            assertThat(readLong(importAsCommander(roster(marker, rows)), "$.saved")).isEqualTo(rows);
            await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into person_area%'""")
                    >= 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                jdbc.sql("""
                        select pg_terminate_backend(pid) from pg_stat_activity
                        where wait_event_type = 'Lock' and query like '%insert into person_area%'""").query(Boolean.class).list();
                return count("select count(*) from event_publication where status = 'FAILED' and event_type = ? and publication_date >= ?",
                        ReturneesRegistered.class.getName(), Timestamp.from(start)) == 2;
            });
            blocker.rollback();
        }
        // nothing of the failed chunks' episodes stayed; the other listeners (dashboard, health code) completed
        assertThat(count("""
                select count(*) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address = ?""", marker)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> dashboardFigures()[0] - before[0] == rows);

        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof ReturneesRegistered
                && p.getPublicationDate().isAfter(start));

        awaitListeners(start);
        assertThat(count("""
                select count(*) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address = ?""", marker)).isEqualTo(rows);
        assertThat(count("""
                select count(distinct e.returnee_id) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address = ?""", marker)).isEqualTo(rows);
        assertThat(count("select count(*) from returnee where destination_address = ? and status = 'UNDER_OBSERVATION'", marker))
                .isEqualTo(rows);
        long[] after = dashboardFigures();
        assertThat(after[0] - before[0]).isEqualTo(rows);
        assertThat(after[1] - before[1]).isEqualTo(rows);
    }

    @Test
    void chunksStoredWhileTheNextIsReadCountTheirRejectionsAndStayStoredWhenTheFileBreaksLater() throws Exception {
        Instant start = Instant.now().minusMillis(500);
        String marker = "chunk-pipeline-" + UUID.randomUUID();
        String renamed = randomIdNumber();
        StringBuilder csv = new StringBuilder(RosterImportTests.HEADER).append("\r\n");
        for (int i = 0; i < 2_500; i++) {
            // row 1,502 (the second chunk) gives the ID number of row 12 (the first chunk) another name: the store rejects it
            String id = i == 10 || i == 1_500 ? renamed : randomIdNumber();
            String name = i == 1_500 ? "孙改名" : i == 10 ? "孙原名" : "李" + (char) ('一' + i % 20);
            csv.append(RosterImportTests.row(name, id, today().minusDays(i == 1_500 ? 7 : i % 3), VILLAGE)
                    .replace("中鸡一村 1 号", marker)).append("\r\n");
        }
        MvcResult result = importAsCommander(csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(readLong(result, "$.read")).isEqualTo(2_500);
        assertThat(readLong(result, "$.saved")).isEqualTo(2_499);
        assertThat(readLong(result, "$.rejected")).isEqualTo(1);
        List<java.util.Map<String, Object>> errors = read(result, "$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("code"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1_502, "roster.idNumber.otherName"));
        assertThat(count("select count(*) from returnee where destination_address = ?", marker)).isEqualTo(2_499);

        // a file that breaks after 2,500 rows (a quote never closed): the two full chunks before it are stored
        String broken = "chunk-broken-" + UUID.randomUUID();
        StringBuilder bad = new StringBuilder(RosterImportTests.HEADER).append("\r\n");
        for (int i = 0; i < 2_500; i++) {
            bad.append(RosterImportTests.row("周" + (char) ('一' + i % 20), randomIdNumber(), today(), VILLAGE)
                    .replace("中鸡一村 1 号", broken)).append("\r\n");
        }
        bad.append("\"").append("x".repeat(RosterImportManagement.LIMITS.maxCellLength() + 1)).append("\r\n");
        String body = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "roster.csv", "text/csv", bad.toString().getBytes(StandardCharsets.UTF_8)))
                        .with(as("commander")).header("Accept-Language", "en"))
                .andExpect(status().is4xxClientError()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(body).contains("the 2,000 valid rows before it are stored");
        assertThat(count("select count(*) from returnee where destination_address = ?", broken)).isEqualTo(2_000);
        awaitListeners(start);
        assertThat(count("""
                select count(*) from observation_episode e join returnee r on r.id = e.returnee_id
                where r.destination_address in (?, ?)""", marker, broken)).isEqualTo(4_499);
    }

    List<String> episodesOf(String marker) {
        return jdbc.sql("""
                        select e.id || ':' || e.returnee_id || ':' || e.status from observation_episode e
                        join returnee r on r.id = e.returnee_id where r.destination_address = ? order by e.id""")
                .param(marker).query(String.class).list();
    }
}
