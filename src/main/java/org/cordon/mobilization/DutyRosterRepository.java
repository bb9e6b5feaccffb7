package org.cordon.mobilization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Duty shifts at the checkpoints and the Party members on them. */
@Repository
class DutyRosterRepository {

    private static final String SHIFT_SELECT = """
            select s.*, (select count(*) from duty_assignment a where a.shift_id = s.id) as crew_count
            from duty_shift s
            """;

    private final JdbcClient jdbc;
    private final CheckpointLookup checkpoints;

    DutyRosterRepository(JdbcClient jdbc, CheckpointLookup checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    /** The shifts of one day at the checkpoints, by checkpoint and slot. */
    List<Shift> shifts(LocalDate date, List<String> checkpointCodes) {
        return withCrew(jdbc.sql(SHIFT_SELECT + " where s.shift_date = :date and s.checkpoint_code in (:codes) order by s.checkpoint_code, s.slot")
                .param("date", date).param("codes", checkpointCodes).query(DutyRosterRepository::shift).list());
    }

    Optional<Shift> findShift(long id) {
        return withCrew(jdbc.sql(SHIFT_SELECT + " where s.id = ?").param(id).query(DutyRosterRepository::shift).list())
                .stream().findFirst();
    }

    /** The shifts with these ids (unknown ones left out), by start and checkpoint. */
    List<Shift> shiftsByIds(List<Long> ids) {
        return ids.isEmpty() ? List.of() : withCrew(jdbc.sql(SHIFT_SELECT + " where s.id in (:ids) order by s.starts_at, s.checkpoint_code")
                .param("ids", ids).query(DutyRosterRepository::shift).list());
    }

    /** The shifts at the checkpoints from {@code from} to {@code to}, by date, checkpoint and slot. */
    List<Shift> shiftsBetween(LocalDate from, LocalDate to, List<String> checkpointCodes) {
        return withCrew(jdbc.sql(SHIFT_SELECT + """
                         where s.shift_date between :from and :to and s.checkpoint_code in (:codes)
                         order by s.shift_date, s.checkpoint_code, s.slot""")
                .param("from", from).param("to", to).param("codes", checkpointCodes).query(DutyRosterRepository::shift).list());
    }

    /** The shifts of the member linked to the account from {@code from} to {@code to}, by start. */
    List<Shift> shiftsOfAccount(long accountId, LocalDate from, LocalDate to) {
        return withCrew(jdbc.sql(SHIFT_SELECT + """
                         join duty_assignment a on a.shift_id = s.id join party_member m on m.id = a.member_id
                         where m.account_id = :account and s.shift_date between :from and :to order by s.starts_at""")
                .param("account", accountId).param("from", from).param("to", to).query(DutyRosterRepository::shift).list());
    }

    /** The shifts at the checkpoints from {@code from} to {@code to} with fewer people than they need, by start. */
    List<Shift> understaffed(LocalDate from, LocalDate to, List<String> checkpointCodes) {
        return withCrew(jdbc.sql(SHIFT_SELECT + """
                         where s.shift_date between :from and :to and s.checkpoint_code in (:codes)
                         and (select count(*) from duty_assignment a where a.shift_id = s.id) < s.required_crew
                         order by s.starts_at, s.checkpoint_code""")
                .param("from", from).param("to", to).param("codes", checkpointCodes).query(DutyRosterRepository::shift).list());
    }

    /** How many shifts each checkpoint has on each day, keyed {@code code|date}; days without shifts are missing. */
    Map<String, Integer> shiftCounts(LocalDate from, LocalDate to, List<String> checkpointCodes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select checkpoint_code, shift_date, count(*) as n from duty_shift
                        where shift_date between :from and :to and checkpoint_code in (:codes) group by checkpoint_code, shift_date""")
                .param("from", from).param("to", to).param("codes", checkpointCodes)
                .query((rs, n) -> counts.put(key(rs.getString("checkpoint_code"), rs.getObject("shift_date", LocalDate.class)),
                        rs.getInt("n"))).list();
        return counts;
    }

    static String key(String checkpointCode, LocalDate date) {
        return checkpointCode + "|" + date;
    }

    /**
     * Creates the shifts of every active checkpoint in the scope for the dates {@code from}–{@code to}, keeping
     * existing ones.
     *
     * @return the number of shifts created
     */
    int generate(MobilizationScope scope, LocalDate from, LocalDate to, MobilizationSettings settings) {
        int minutes = 24 * 60 / settings.shiftsPerDay();
        String[] codes = checkpoints.managed(scope).stream().map(CheckpointRef::code).toArray(String[]::new);
        return jdbc.sql("""
                        insert into duty_shift(checkpoint_code, shift_date, slot, starts_at, ends_at, required_crew)
                        select c.code, d.day::date, s.slot,
                               d.day::date + cast(:start as time) + make_interval(mins => s.slot * :minutes),
                               d.day::date + cast(:start as time) + make_interval(mins => (s.slot + 1) * :minutes),
                               :crew
                        from unnest(cast(:codes as varchar[])) as c(code)
                        cross join generate_series(cast(:from as date), cast(:to as date), interval '1 day') as d(day)
                        cross join generate_series(0, :slots - 1) as s(slot)
                        on conflict (checkpoint_code, shift_date, slot) do nothing""")
                .param("codes", codes)
                .param("start", settings.dayStartsAt().toString()).param("minutes", minutes).param("crew", settings.requiredCrew())
                .param("from", from).param("to", to).param("slots", settings.shiftsPerDay())
                .update();
    }

    /** The member's first other shift overlapping the times, as "checkpoint start–end" ({@link ShiftCrew.Overlaps}). */
    Optional<String> firstOverlap(long memberId, long shiftId, LocalDateTime startsAt, LocalDateTime endsAt) {
        return jdbc.sql("""
                        select s.checkpoint_code, to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') || '–' || to_char(s.ends_at, 'HH24:MI')
                        from duty_assignment a join duty_shift s on s.id = a.shift_id
                        where a.member_id = :member and s.id <> :shift and s.starts_at < :ends and s.ends_at > :starts
                        order by s.starts_at limit 1""")
                .param("member", memberId).param("shift", shiftId).param("starts", startsAt).param("ends", endsAt)
                .query((rs, n) -> checkpoints.name(rs.getString(1)) + " " + rs.getString(2)).optional();
    }

    void insertAssignment(long shiftId, long memberId, String by) {
        jdbc.sql("insert into duty_assignment(shift_id, member_id, assigned_by) values (?, ?, ?) on conflict do nothing")
                .params(shiftId, memberId, by).update();
    }

    void deleteAssignment(long shiftId, long memberId) {
        jdbc.sql("delete from duty_assignment where shift_id = ? and member_id = ?").params(shiftId, memberId).update();
    }

    private static Shift shift(ResultSet rs, int n) throws SQLException {
        int required = rs.getInt("required_crew");
        return new Shift(rs.getLong("id"), rs.getString("checkpoint_code"), null,
                rs.getObject("shift_date", LocalDate.class), rs.getInt("slot"), rs.getObject("starts_at", LocalDateTime.class),
                rs.getObject("ends_at", LocalDateTime.class), required, List.of(), rs.getInt("crew_count") < required);
    }

    /** Adds the crews of the shifts with one query. */
    private List<Shift> withCrew(List<Shift> shifts) {
        if (shifts.isEmpty()) {
            return shifts;
        }
        Map<Long, List<Shift.CrewMember>> crews = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.shift_id, m.id, m.name, b.name as branch_name from duty_assignment a
                        join party_member m on m.id = a.member_id join party_branch b on b.id = m.branch_id
                        where a.shift_id in (:ids) order by a.assigned_at, m.name""")
                .param("ids", shifts.stream().map(Shift::id).toList())
                .query((rs, n) -> crews.computeIfAbsent(rs.getLong("shift_id"), k -> new ArrayList<>())
                        .add(new Shift.CrewMember(rs.getLong("id"), rs.getString("name"), rs.getString("branch_name"))))
                .list();
        Map<String, String> names = checkpoints.names();
        return shifts.stream().map(s -> {
            List<Shift.CrewMember> crew = crews.getOrDefault(s.id(), List.of());
            return new Shift(s.id(), s.checkpointCode(), names.get(s.checkpointCode()), s.date(), s.slot(), s.startsAt(), s.endsAt(),
                    s.requiredCrew(), List.copyOf(crew), crew.size() < s.requiredCrew());
        }).toList();
    }
}
