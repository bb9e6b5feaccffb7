package org.cordon.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.cordon.dashboard.DashboardManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Data that expires, end to end on the shared test database: a run drops the passage months whose drop date has
 * come (never the current or the previous month), keeps the passages of people under follow-up, anonymises only
 * the persons whose follow-up ended more than the retention period ago and who are not a case or a contact under
 * follow-up, writes one audit entry — and the dashboard's figures and the daily report of past days are the same
 * before and after, also after a rebuild from the source tables.
 */
class RetentionIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final CordonUser COMMANDER = new CordonUser(0, "commander", null, "指挥部", Role.COMMANDER, Jurisdiction.area("610881"), true);

    @Autowired
    RetentionManagement retention;

    @Autowired
    DashboardManagement dashboard;

    @Autowired
    org.cordon.account.AccountManagement accounts;

    record Person(long id, long returnee, long episode, String name, String idNumber) {
    }

    /** A returnee registered door to door (which starts an observation episode), then dated back: arrived {@code daysAgo}. */
    Person returnee(int daysAgo, boolean released) throws Exception {
        String name = "测试" + UUID.randomUUID().toString().substring(0, 4);
        String idNumber = randomIdNumber();
        long returnee = readLong(mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                {"sourceRef": "%s", "name": "%s", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                 "arrivedOn": "%s", "transportMode": "TRAIN", "transportDetail": "G402 车厢5", "destinationCode": "%s",
                 "destinationAddress": "中鸡一村3号"}"""
                .formatted(UUID.randomUUID(), name, idNumber, randomPhone(), today().minusDays(2), VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
        long episode = await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returnee).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
        long person = jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single();
        LocalDate arrived = today().minusDays(daysAgo);
        jdbc.sql("update returnee set arrived_on = ? where id = ?").params(arrived, returnee).update();
        jdbc.sql("update person set created_at = ?::date where id = ?").params(arrived, person).update();
        jdbc.sql("update observation_episode set start_date = ?, planned_end = ?, status = ?, ended_on = ? where id = ?")
                .params(arrived, arrived.plusDays(14), released ? "RELEASED" : "ACTIVE", released ? arrived.plusDays(14) : null, episode)
                .update();
        jdbc.sql("""
                insert into observation_check(episode_id, check_date, slot, temperature, note, recorded_by)
                values (?, ?, 'MORNING', 36.6, '邻居王某代为测温', 'grid1')""").params(episode, arrived.plusDays(1)).update();
        return new Person(person, returnee, episode, name, idNumber);
    }

    String nameOf(Person p) {
        return jdbc.sql("select name from person where id = ?").param(p.id()).query(String.class).single();
    }

    boolean partitionExists(String table, YearMonth month) {
        return jdbc.sql("select to_regclass(?) is not null").param(table + "_p" + month.toString().replace("-", ""))
                .query(Boolean.class).single();
    }

    /** A passage stored directly in a month (a past one, as if registered then), one occupant with the given ID hash. */
    long passageOn(LocalDate day, byte[] idHash) {
        long id = jdbc.sql("""
                        with k as (insert into passage_client(client_id, passage_id, recorded_on) values (?, nextval('passage_id_seq'), ?)
                                   returning passage_id)
                        insert into passage(id, client_id, checkpoint_code, direction, vehicle_type, origin_code, disinfected,
                                            recorded_at, recorded_on, recorded_by)
                        select passage_id, ?, 'KK03', 'ENTERING', 'PEDESTRIAN', '610802', true, ?, ?, 'test' from k returning id""")
                .params(UUID.randomUUID(), day, UUID.randomUUID(), java.sql.Timestamp.from(day.atTime(10, 0).atZone(CITY_ZONE).toInstant()), day)
                .query(Long.class).single();
        jdbc.sql("""
                insert into occupant(passage_id, recorded_on, seq, name, id_type, id_number_enc, id_number_hash, temperature, disposition)
                values (?, ?, 1, '测试', 'RESIDENT_ID', '\\x01', ?, 36.5, 'RELEASED')""").params(id, day, idHash).update();
        return id;
    }

    /** What the dashboard and the daily report show for the day (city). */
    List<Object> figures(LocalDate day) {
        DashboardManagement.Figures f = dashboard.figures(COMMANDER, null, day);
        DashboardManagement.DailyReport r = dashboard.dailyReport(COMMANDER, null, day, null);
        return List.of(f.day(), f.underObservation(), f.inIsolation(), f.casesTotal(), r.lines());
    }

    @Test
    void aRunDropsExpiredMonthsAnonymisesWhoIsDueAndLeavesPastFiguresAsTheyWere() throws Exception {
        LocalDate today = today();
        YearMonth old = YearMonth.from(today).minusMonths(5);
        jdbc.sql("select cordon_create_passage_month(?)").param(old.atDay(1)).query(Boolean.class).single();

        Person due = returnee(80, true);          // released 66 days ago: due
        Person released = returnee(50, true);     // released 36 days ago: due
        Person recent = returnee(30, true);       // released 16 days ago: not yet
        Person active = returnee(60, false);      // still under observation
        Person caseP = returnee(90, true);        // a confirmed case whose contact tracing is open
        Person contact = returnee(90, true);      // a close contact of that case
        jdbc.sql("insert into confirmed_case(person_id, area_code, confirmed_on, confirmed_by) values (?, ?, ?, 'medic')")
                .params(caseP.id(), VILLAGE, today.minusDays(70)).update();
        jdbc.sql("insert into close_contact(case_person_id, contact_person_id, exposure_date, created_by) values (?, ?, ?, 'medic')")
                .params(caseP.id(), contact.id(), today.minusDays(72)).update();

        // the checkpoint's hash of the case's ID number, from a passage registered (leaving the city) with it today
        long caseToday = readLong(mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "direction": "LEAVING", "vehicleType": "PEDESTRIAN", "originAreaCode": "610881",
                         "disinfected": true, "occupants": [{"name": "%s", "idType": "RESIDENT_ID", "idNumber": "%s", "temperature": 36.5}]}"""
                        .formatted(UUID.randomUUID(), caseP.name(), caseP.idNumber())))
                .andExpect(status().isCreated()).andReturn(), "$.id");
        byte[] caseHash = jdbc.sql("select id_number_hash from occupant where passage_id = ?").param(caseToday).query(byte[].class).single();
        assertThat(caseHash).isNotEqualTo(jdbc.sql("select id_number_hash from person where id = ?").param(caseP.id())
                .query(byte[].class).single());
        LocalDate oldDay = old.atDay(12);
        long keptPassage = passageOn(oldDay, caseHash);
        long droppedPassage = passageOn(oldDay, new byte[] {1, 2, 3, (byte) System.nanoTime()});
        // a passage of this month and of the previous one, which must stay
        LocalDate previousDay = YearMonth.from(today).minusMonths(1).atDay(20);
        long previousPassage = passageOn(previousDay, new byte[] {4, 5, 6, (byte) System.nanoTime()});
        long currentPassage = passageOn(today, new byte[] {7, 8, 9, (byte) System.nanoTime()});

        // the read models counted from the sources as they now are (the events counted the returnees on the days registered)
        mvc.perform(post("/api/v1/dashboard/rebuild").with(as("admin")).header("X-Cordon-Client", "test")).andExpect(status().isOk());
        List<LocalDate> days = List.of(oldDay, previousDay, today.minusDays(80), today.minusDays(66), today.minusDays(50),
                today.minusDays(36), today);
        Map<LocalDate, List<Object>> before = new java.util.LinkedHashMap<>();
        days.forEach(d -> before.put(d, figures(d)));
        assertThat(((DashboardManagement.Counts) before.get(oldDay).get(0)).passages()).isGreaterThanOrEqualTo(2);
        int runs = jdbc.sql("select count(*) from audit_entry where action = 'RETENTION_RUN'").query(Integer.class).single();

        String body = body(mvc.perform(post("/api/v1/admin/retention/run").with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.droppedMonths[?(@.month == '%s')].passages".formatted(old)).value(1))
                .andReturn());
        assertThat(body).contains("\"keptPassages\"");

        // the month is gone, the current and the previous month stay
        assertThat(partitionExists("passage", old)).isFalse();
        assertThat(partitionExists("occupant", old)).isFalse();
        assertThat(partitionExists("passage", YearMonth.from(today))).isTrue();
        assertThat(partitionExists("passage", YearMonth.from(today).minusMonths(1))).isTrue();
        assertThat(count("select count(*) from passage where id = ?", droppedPassage)).isZero();
        assertThat(count("select count(*) from passage where id in (?, ?)", previousPassage, currentPassage)).isEqualTo(2);
        // the passage of the case is kept (default partition) with its occupant
        assertThat(count("select count(*) from passage where id = ?", keptPassage)).isEqualTo(1);
        assertThat(count("select count(*) from occupant where passage_id = ?", keptPassage)).isEqualTo(1);

        // persons: anonymised only when due and not under follow-up
        for (Person p : List.of(due, released)) {
            assertThat(nameOf(p)).isEqualTo("*");
            Map<String, Object> row = jdbc.sql("select id_type, phone_enc, birth_date, anonymised_at from person where id = ?")
                    .param(p.id()).query().singleRow();
            assertThat(row.get("id_type")).isEqualTo("OTHER");
            assertThat(row.get("phone_enc")).isNull();
            assertThat(row.get("birth_date")).isNull();
            assertThat(row.get("anonymised_at")).isNotNull();
            assertThat(jdbc.sql("select coalesce(transport_detail, '') || coalesce(destination_address, '') from returnee where id = ?")
                    .param(p.returnee()).query(String.class).single()).isEmpty();
            assertThat(count("select count(*) from observation_check where episode_id = ? and note is not null", p.episode())).isZero();
            // the records stay: the figures count them
            assertThat(count("select count(*) from returnee where id = ?", p.returnee())).isEqualTo(1);
            assertThat(count("select count(*) from observation_episode where id = ?", p.episode())).isEqualTo(1);
            // an anonymised person's record still opens (masked), no error
            mvc.perform(get("/api/v1/returnees/{id}", p.returnee()).with(as("commander"))).andExpect(status().isOk());
        }
        for (Person p : List.of(recent, active, caseP, contact)) {
            assertThat(nameOf(p)).as("not due or under follow-up").isEqualTo(p.name());
        }

        // one audit entry for the run, with its counts
        List<Map<String, Object>> entries = jdbc.sql("select username, detail from audit_entry where action = 'RETENTION_RUN' order by id desc")
                .query().listOfRows();
        assertThat(entries).hasSize(runs + 1);
        assertThat(entries.get(0).get("username")).isEqualTo("admin");
        assertThat((String) entries.get(0).get("detail")).contains(old.toString()).contains("persons anonymised: ");

        // the figures of past days: the same as before the run, and after a rebuild from the source tables
        days.forEach(d -> assertThat(figures(d)).as("figures of %s", d).isEqualTo(before.get(d)));
        mvc.perform(post("/api/v1/dashboard/rebuild").with(as("admin")).header("X-Cordon-Client", "test")).andExpect(status().isOk());
        days.forEach(d -> assertThat(figures(d)).as("figures of %s after a rebuild", d).isEqualTo(before.get(d)));

        // a second run finds nothing left to do
        RetentionManagement.RunResult again = retention.run("test");
        assertThat(again.droppedMonths()).isEmpty();
        assertThat(again.personsAnonymised()).isZero();

        // once the case's tracing is done and the period has passed, the case and the contact expire too, and the
        // kept passage goes
        jdbc.sql("update confirmed_case set tracing_done_at = now() - interval '40 days' where person_id = ?").param(caseP.id()).update();
        RetentionManagement.RunResult released2 = retention.run("test");
        assertThat(released2.purgedKeptPassages()).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from passage where id = ?", keptPassage)).isZero();
        assertThat(nameOf(caseP)).isEqualTo("*");
        assertThat(nameOf(contact)).isEqualTo("*");
        days.forEach(d -> assertThat(figures(d)).as("figures of %s after the kept passage went", d).isEqualTo(before.get(d)));
    }

    @Test
    void theOverviewListsMonthsWithTheirDropDatesAndOnlyAdministratorsSeeOrRunIt() throws Exception {
        YearMonth current = YearMonth.from(today());
        mvc.perform(get("/api/v1/admin/retention").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.settings.passageMonths").value(3))
                .andExpect(jsonPath("$.settings.personalDays").value(30))
                .andExpect(jsonPath("$.months[?(@.month == '%s')].dropOn".formatted(current)).value(current.plusMonths(3).atDay(1).toString()))
                .andExpect(jsonPath("$.months[?(@.month == '%s')].due".formatted(current)).value(false));
        for (String user : List.of("commander", "officer1", "medic", "grid1")) {
            mvc.perform(get("/api/v1/admin/retention").with(as(user))).andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/admin/retention/run").with(as(user)).header("X-Cordon-Client", "test")).andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/retention").accept(MediaType.TEXT_HTML).with(user(accounts.loadUserByUsername("admin"))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("retention-run-form")));
        mvc.perform(get("/admin/retention").accept(MediaType.TEXT_HTML).with(user(accounts.loadUserByUsername("commander"))))
                .andExpect(status().isForbidden());
    }
}
