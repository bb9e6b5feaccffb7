package org.cordon.mobilization;

import org.cordon.account.AreaScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cordon.notice.SignupHandover;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Volunteers, their tasks and the hours they served. Phones are stored encrypted with a keyed hash. */
@Repository
class VolunteerRepository {

    /** A volunteer who has a portal sign-up's id or phone; {@code signupRef} null when entered by staff. */
    record Known(long id, Long signupRef, String phoneHash) {
    }

    /** A volunteer taken over from a portal sign-up. */
    record TakenOver(SignupHandover.Signup signup, VolunteerStatus status) {
    }

    private static final String VOLUNTEER_SELECT = """
            select v.*, a.name as area_name from volunteer v left join area a on a.code = v.area_code
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Phones phones;

    /** Active volunteers in the area's subtree; {@code areaCode} null: in the whole city (those without an area included). */
    long countActive(String areaCode) {
        AreaScope scope = AreaScope.subtree(areaCode == null ? "" : areaCode);
        return jdbc.sql("select count(*) from volunteer where status = 'ACTIVE' and (:all or " + scope.condition("area_code", "p") + ")")
                .param("all", areaCode == null).param("p", scope.pattern()).query(Long.class).single();
    }

    VolunteerRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Phones phones) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.phones = phones;
    }

    /** A phone's keyed hash as text, to compare hashes in sets and maps. */
    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    // ------------------------------------------------------------------ volunteers

    /** The volunteers in the scope (of one status when given), by name. */
    List<Volunteer> volunteers(MobilizationScope scope, VolunteerStatus status) {
        return scope.bind(jdbc.sql(VOLUNTEER_SELECT + " where " + scope.condition("v.area_code") + """
                         and (cast(:status as varchar) is null or v.status = :status)
                        order by v.name, v.id limit 2000"""))
                .param("status", status == null ? null : status.name()).query(volunteerMapper()).list();
    }

    Optional<Volunteer> findVolunteer(long id) {
        return jdbc.sql(VOLUNTEER_SELECT + " where v.id = ?").param(id).query(volunteerMapper()).optional();
    }

    private RowMapper<Volunteer> volunteerMapper() {
        return (rs, n) -> new Volunteer(rs.getLong("id"), rs.getString("name"), phones.masked(Phones.VOLUNTEER, rs),
                rs.getString("area_code"), rs.getString("area_name"), rs.getString("organisation"), rs.getString("skills"),
                rs.getString("availability"), VolunteerStatus.valueOf(rs.getString("status")),
                VolunteerSource.valueOf(rs.getString("source")), (Long) rs.getObject("signup_ref", Long.class),
                Rows.instant(rs, "created_at"));
    }

    boolean phoneTaken(String phone) {
        return jdbc.sql("select count(*) from volunteer where phone_hash = ?").param(phones.hash(Phones.VOLUNTEER, phone))
                .query(Long.class).single() > 0;
    }

    long insertStaffEntered(String name, String phone, String areaCode, String organisation, String skills, String availability,
                            VolunteerStatus status) {
        return jdbc.sql("""
                        insert into volunteer(name, phone_enc, phone_hash, area_code, organisation, skills, availability, status, source)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'STAFF') returning id""")
                .params(name, phones.encrypt(Phones.VOLUNTEER, phone), phones.hash(Phones.VOLUNTEER, phone), areaCode, organisation,
                        skills, availability, status.name())
                .query(Long.class).single();
    }

    void storeStatus(VolunteerState volunteer) {
        jdbc.sql("update volunteer set status = ? where id = ?").params(volunteer.status().name(), volunteer.id()).update();
    }

    // ------------------------------------------------------------------ portal sign-ups

    /** The volunteers who have one of the sign-ups' ids or phones. */
    List<Known> known(List<SignupHandover.Signup> signups) {
        if (signups.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, signup_ref, phone_hash from volunteer where signup_ref = any(:ids) or phone_hash = any(:hashes)")
                .param("ids", signups.stream().map(SignupHandover.Signup::id).toArray(Long[]::new))
                .param("hashes", signups.stream().map(SignupHandover.Signup::phoneHash).toArray(byte[][]::new))
                .query((rs, n) -> new Known(rs.getLong("id"), (Long) rs.getObject("signup_ref", Long.class),
                        hex(rs.getBytes("phone_hash"))))
                .list();
    }

    /**
     * Inserts the sign-ups as volunteers (source PORTAL), copying the phone's ciphertext and hash; a sign-up taken over
     * meanwhile is skipped.
     *
     * @return the number of volunteers created
     */
    int insertTakenOver(List<TakenOver> volunteers) {
        if (volunteers.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = volunteers.stream().map(v -> {
            SignupHandover.Signup sg = v.signup();
            return new Object[] {sg.name(), sg.phoneEnc(), sg.phoneHash(), sg.areaCode(), sg.organisation(), sg.skills(),
                    sg.availability(), v.status().name(), sg.id()};
        }).toList();
        int created = 0;
        for (int n : jdbcTemplate.batchUpdate("""
                insert into volunteer(name, phone_enc, phone_hash, area_code, organisation, skills, availability, status,
                                      source, signup_ref)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PORTAL', ?) on conflict do nothing""", rows)) {
            created += Math.max(n, 0);
        }
        return created;
    }

    /** Links sign-ups to the volunteers (by volunteer id) that staff entered with their phones. */
    void linkSignups(Map<Long, Long> volunteerBySignup) {
        if (!volunteerBySignup.isEmpty()) {
            jdbcTemplate.batchUpdate("update volunteer set signup_ref = ? where id = ? and signup_ref is null",
                    volunteerBySignup.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
        }
    }

    /**
     * Fills in what the volunteers taken over from (or linked to) these sign-ups lack from the sign-ups: area,
     * organisation, skills, availability; a value the volunteer has is never replaced.
     */
    void fillEmptyFromSignups(List<SignupHandover.Signup> signups) {
        if (signups.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                        update volunteer set area_code = coalesce(area_code, ?), organisation = coalesce(organisation, ?),
                                             skills = coalesce(skills, ?), availability = coalesce(availability, ?)
                        where signup_ref = ? and (area_code is null or organisation is null or skills is null or availability is null)""",
                signups.stream().map(sg -> new Object[] {sg.areaCode(), sg.organisation(), sg.skills(), sg.availability(), sg.id()})
                        .toList());
    }

    // ------------------------------------------------------------------ tasks

    /** The tasks in the scope with their assignments, newest date first (at most 300). */
    List<VolunteerTask> tasks(MobilizationScope scope) {
        return withAssignments(scope.bind(jdbc.sql("select * from volunteer_task where " + scope.condition("area_code")
                + " order by task_date desc, id desc limit 300")).query(VolunteerRepository::task).list());
    }

    Optional<VolunteerTask> findTask(long id) {
        return withAssignments(jdbc.sql("select * from volunteer_task where id = ?").param(id).query(VolunteerRepository::task).list())
                .stream().findFirst();
    }

    long insertTask(String title, String place, String areaCode, LocalDate taskDate, int peopleNeeded, String description,
                    String createdBy) {
        return jdbc.sql("""
                        insert into volunteer_task(title, place, area_code, task_date, people_needed, description, created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(title, place, areaCode, taskDate, peopleNeeded, description, createdBy)
                .query(Long.class).single();
    }

    /** Locks the task's row until the end of the transaction (so concurrent assignments cannot exceed the people needed). */
    void lockTask(long id) {
        jdbc.sql("select id from volunteer_task where id = ? for update").param(id).query(Long.class).single();
    }

    void insertAssignment(long taskId, long volunteerId, String by) {
        jdbc.sql("insert into volunteer_assignment(task_id, volunteer_id, assigned_by) values (?, ?, ?) on conflict do nothing")
                .params(taskId, volunteerId, by).update();
    }

    void deleteAssignment(long taskId, long volunteerId) {
        jdbc.sql("delete from volunteer_assignment where task_id = ? and volunteer_id = ?").params(taskId, volunteerId).update();
    }

    void storeHours(long taskId, long volunteerId, BigDecimal hours) {
        jdbc.sql("update volunteer_assignment set hours = ? where task_id = ? and volunteer_id = ?")
                .params(hours, taskId, volunteerId).update();
    }

    /** A volunteer's tasks, newest first, with the hours served. */
    List<ServiceRecord.Entry> service(long volunteerId) {
        return jdbc.sql("""
                        select t.id, t.title, t.place, t.task_date, a.hours from volunteer_assignment a
                        join volunteer_task t on t.id = a.task_id where a.volunteer_id = ? order by t.task_date desc, t.id desc""")
                .param(volunteerId)
                .query((rs, n) -> new ServiceRecord.Entry(rs.getLong("id"), rs.getString("title"), rs.getString("place"),
                        rs.getObject("task_date", LocalDate.class), rs.getBigDecimal("hours")))
                .list();
    }

    private static VolunteerTask task(ResultSet rs, int n) throws SQLException {
        return new VolunteerTask(rs.getLong("id"), rs.getString("title"), rs.getString("place"), rs.getString("area_code"),
                rs.getObject("task_date", LocalDate.class), rs.getInt("people_needed"), rs.getString("description"),
                rs.getString("created_by"), List.of());
    }

    private List<VolunteerTask> withAssignments(List<VolunteerTask> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<Long, List<VolunteerTask.Assignment>> byTask = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.task_id, a.hours, v.id, v.name, v.phone_enc from volunteer_assignment a
                        join volunteer v on v.id = a.volunteer_id where a.task_id in (:ids) order by a.assigned_at, v.name""")
                .param("ids", tasks.stream().map(VolunteerTask::id).toList())
                .query((rs, n) -> byTask.computeIfAbsent(rs.getLong("task_id"), k -> new ArrayList<>())
                        .add(new VolunteerTask.Assignment(rs.getLong("id"), rs.getString("name"), phones.masked(Phones.VOLUNTEER, rs),
                                rs.getBigDecimal("hours"))))
                .list();
        return tasks.stream().map(t -> new VolunteerTask(t.id(), t.title(), t.place(), t.areaCode(), t.taskDate(), t.peopleNeeded(),
                t.description(), t.createdBy(), List.copyOf(byTask.getOrDefault(t.id(), List.of())))).toList();
    }
}
