package org.cordon.notice;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notices, their targets, venues, events, services, advice articles and hotlines (JdbcClient). */
@Repository
class NoticeRepository {

    /** A stored notice without its targets. */
    record StoredNotice(long id, Integer year, Integer number, String title, String body, String issuer,
                        List<NoticeCategory> categories, Instant effectiveFrom, Instant effectiveTo, NoticeStatus status,
                        Instant publishedAt, String publishedBy, Instant revokedAt, String revokedBy, String revokeReason,
                        Instant createdAt, String createdBy) {
    }

    private static final RowMapper<StoredNotice> NOTICE = (rs, n) -> new StoredNotice(rs.getLong("id"),
            (Integer) rs.getObject("year"), (Integer) rs.getObject("number"), rs.getString("title"), rs.getString("body"),
            rs.getString("issuer"), categories(rs.getArray("categories")), instant(rs, "effective_from"),
            instant(rs, "effective_to"), NoticeStatus.valueOf(rs.getString("status")), instant(rs, "published_at"),
            rs.getString("published_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getString("revoke_reason"),
            instant(rs, "created_at"), rs.getString("created_by"));

    private static final RowMapper<AdviceArticle> ADVICE = (rs, n) -> new AdviceArticle(rs.getLong("id"), rs.getString("title"),
            rs.getString("body"), rs.getBoolean("published"), rs.getInt("sort"), instant(rs, "updated_at"), rs.getString("updated_by"));

    private static final RowMapper<Hotline> HOTLINE = (rs, n) -> new Hotline(rs.getLong("id"), rs.getString("name"),
            rs.getString("phone"), rs.getInt("sort"));

    /**
     * The closure of each place: the earliest published notice in effect at :now that targets it, when the
     * last of them ends (null when one has no end) and how many there are. One lateral aggregate per list.
     */
    private static final String CLOSURE = """
            left join lateral (
              select (array_agg(n.id order by n.effective_from, n.id))[1] as c_notice,
                     (array_agg(n.year order by n.effective_from, n.id))[1] as c_year,
                     (array_agg(n.number order by n.effective_from, n.id))[1] as c_number,
                     min(n.effective_from) as c_since,
                     case when bool_or(n.effective_to is null) then null else max(n.effective_to) end as c_until,
                     count(n.id) as c_count
              from notice_target t join notice n on n.id = t.notice_id
              where t.target_type = :type and t.target_id = p.id and n.status = 'PUBLISHED'
                and n.effective_from <= :now and (n.effective_to is null or n.effective_to > :now)
            ) c on true
            """;

    private final JdbcClient jdbc;

    NoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ notices

    long insertNotice(String title, String body, String issuer, List<NoticeCategory> categories, Instant from, Instant to,
                      String createdBy) {
        return jdbc.sql("""
                        insert into notice(title, body, issuer, categories, effective_from, effective_to, created_by)
                        values (?, ?, ?, cast(? as text[]), ?, ?, ?) returning id""")
                .params(title, body, issuer, arrayLiteral(categories), ts(from), ts(to), createdBy)
                .query(Long.class).single();
    }

    void updateNotice(long id, String title, String body, String issuer, List<NoticeCategory> categories, Instant from, Instant to) {
        jdbc.sql("""
                        update notice set title = ?, body = ?, issuer = ?, categories = cast(? as text[]), effective_from = ?,
                          effective_to = ?, updated_at = now() where id = ? and status = 'DRAFT'""")
                .params(title, body, issuer, arrayLiteral(categories), ts(from), ts(to), id).update();
    }

    void replaceTargets(long noticeId, List<NoticeRequest.TargetRef> targets) {
        jdbc.sql("delete from notice_target where notice_id = ?").param(noticeId).update();
        for (NoticeRequest.TargetRef t : targets) {
            jdbc.sql("insert into notice_target(notice_id, target_type, target_id) values (?, ?, ?) on conflict do nothing")
                    .params(noticeId, t.type().name(), t.id()).update();
        }
    }

    void deleteDraft(long id) {
        jdbc.sql("delete from notice where id = ? and status = 'DRAFT'").param(id).update();
    }

    Optional<StoredNotice> findNotice(long id) {
        return jdbc.sql("select * from notice where id = ?").param(id).query(NOTICE).optional();
    }

    /** The notice with its row locked until the end of the transaction (publication and revocation). */
    Optional<StoredNotice> lockNotice(long id) {
        return jdbc.sql("select * from notice where id = ? for update").param(id).query(NOTICE).optional();
    }

    /** The next number of the year: the upsert takes the year's row lock, so concurrent publications queue. */
    int nextNumber(int year) {
        return jdbc.sql("""
                        insert into notice_counter(year, last_number) values (?, 1)
                        on conflict (year) do update set last_number = notice_counter.last_number + 1
                        returning last_number""")
                .param(year).query(Integer.class).single();
    }

    void markPublished(long id, int year, int number, Instant at, String by) {
        jdbc.sql("""
                        update notice set status = 'PUBLISHED', year = ?, number = ?, published_at = ?, published_by = ?,
                          updated_at = now() where id = ?""")
                .params(year, number, ts(at), by, id).update();
    }

    void markRevoked(long id, Instant at, String by, String reason) {
        jdbc.sql("""
                        update notice set status = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ?, updated_at = now()
                        where id = ?""")
                .params(ts(at), by, reason, id).update();
    }

    /** Notices, newest first; {@code status} null = all. */
    List<StoredNotice> notices(NoticeStatus status, int limit) {
        return jdbc.sql("""
                        select * from notice where (cast(:status as varchar) is null or status = :status)
                        order by coalesce(published_at, created_at) desc, id desc limit :limit""")
                .param("status", status == null ? null : status.name()).param("limit", limit).query(NOTICE).list();
    }

    /** Published notices in effect at {@code now} or starting later, newest number first. */
    List<StoredNotice> currentNotices(Instant now) {
        return jdbc.sql("""
                        select * from notice where status = 'PUBLISHED' and (effective_to is null or effective_to > ?)
                        order by effective_from desc, year desc, number desc""")
                .param(ts(now)).query(NOTICE).list();
    }

    /** Targets of the given notices with their names, in one query. */
    Map<Long, List<NoticeView.TargetSummary>> targets(Collection<Long> noticeIds) {
        Map<Long, List<NoticeView.TargetSummary>> result = new HashMap<>();
        if (noticeIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select t.notice_id, t.target_type, t.target_id,
                               coalesce(v.name, e.name, s.name) as name
                        from notice_target t
                        left join venue v on t.target_type = 'VENUE' and v.id = t.target_id
                        left join public_event e on t.target_type = 'EVENT' and e.id = t.target_id
                        left join transport_service s on t.target_type = 'SERVICE' and s.id = t.target_id
                        where t.notice_id in (:ids)
                        order by t.notice_id, t.target_type desc, t.target_id""")
                .param("ids", noticeIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("notice_id"), k -> new ArrayList<>())
                            .add(new NoticeView.TargetSummary(TargetType.valueOf(rs.getString("target_type")),
                                    rs.getLong("target_id"), rs.getString("name")));
                });
        return result;
    }

    // ------------------------------------------------------------------ places with derived status

    List<Place> venues(Instant now) {
        return jdbc.sql("""
                        select p.id, p.kind, p.name, p.area_code, a.name as area_name, p.address, null::date as starts_on,
                               null::date as ends_on, p.sample, c.*
                        from venue p left join area a on a.code = p.area_code
                        """ + CLOSURE + " order by p.id")
                .param("type", TargetType.VENUE.name()).param("now", ts(now))
                .query((rs, n) -> place(rs, TargetType.VENUE)).list();
    }

    List<Place> events(Instant now) {
        return jdbc.sql("""
                        select p.id, null as kind, p.name, null as area_code, null as area_name, p.place as address, p.starts_on,
                               p.ends_on, p.sample, c.*
                        from public_event p
                        """ + CLOSURE + " order by p.starts_on nulls last, p.id")
                .param("type", TargetType.EVENT.name()).param("now", ts(now))
                .query((rs, n) -> place(rs, TargetType.EVENT)).list();
    }

    List<Place> services(Instant now) {
        return jdbc.sql("""
                        select p.id, p.kind, p.name, null as area_code, null as area_name, null as address, null::date as starts_on,
                               null::date as ends_on, p.sample, c.*
                        from transport_service p
                        """ + CLOSURE + " order by p.kind, p.id")
                .param("type", TargetType.SERVICE.name()).param("now", ts(now))
                .query((rs, n) -> place(rs, TargetType.SERVICE)).list();
    }

    List<Place> places(TargetType type, Instant now) {
        return switch (type) {
            case VENUE -> venues(now);
            case EVENT -> events(now);
            case SERVICE -> services(now);
        };
    }

    /** Ids among {@code ids} that exist as places of the type. */
    List<Long> existingIds(TargetType type, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from " + table(type) + " where id in (:ids)").param("ids", ids).query(Long.class).list();
    }

    boolean placeNameTaken(TargetType type, String name, Long exceptId) {
        return jdbc.sql("select count(*) from " + table(type) + " where name = ? and id <> ?")
                .params(name, exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    long insertPlace(TargetType type, String kind, String name, String areaCode, String address, LocalDate startsOn, LocalDate endsOn) {
        return switch (type) {
            case VENUE -> jdbc.sql("insert into venue(kind, name, area_code, address) values (?, ?, ?, ?) returning id")
                    .params(kind, name, areaCode, address).query(Long.class).single();
            case EVENT -> jdbc.sql("insert into public_event(name, starts_on, ends_on, place) values (?, ?, ?, ?) returning id")
                    .params(name, startsOn, endsOn, address).query(Long.class).single();
            case SERVICE -> jdbc.sql("insert into transport_service(kind, name) values (?, ?) returning id")
                    .params(kind, name).query(Long.class).single();
        };
    }

    int updatePlace(TargetType type, long id, String kind, String name, String areaCode, String address, LocalDate startsOn,
                    LocalDate endsOn) {
        return switch (type) {
            case VENUE -> jdbc.sql("update venue set kind = ?, name = ?, area_code = ?, address = ? where id = ?")
                    .params(kind, name, areaCode, address, id).update();
            case EVENT -> jdbc.sql("update public_event set name = ?, starts_on = ?, ends_on = ?, place = ? where id = ?")
                    .params(name, startsOn, endsOn, address, id).update();
            case SERVICE -> jdbc.sql("update transport_service set kind = ?, name = ? where id = ?")
                    .params(kind, name, id).update();
        };
    }

    // ------------------------------------------------------------------ advice and hotlines

    List<AdviceArticle> advice(boolean publishedOnly) {
        return jdbc.sql("select * from advice_article where published or not ? order by sort, id")
                .param(publishedOnly).query(ADVICE).list();
    }

    Optional<AdviceArticle> findAdvice(long id) {
        return jdbc.sql("select * from advice_article where id = ?").param(id).query(ADVICE).optional();
    }

    long insertAdvice(String title, String body, boolean published, int sort, String by) {
        return jdbc.sql("insert into advice_article(title, body, published, sort, updated_by) values (?, ?, ?, ?, ?) returning id")
                .params(title, body, published, sort, by).query(Long.class).single();
    }

    int updateAdvice(long id, String title, String body, boolean published, int sort, String by) {
        return jdbc.sql("""
                        update advice_article set title = ?, body = ?, published = ?, sort = ?, updated_by = ?, updated_at = now()
                        where id = ?""")
                .params(title, body, published, sort, by, id).update();
    }

    List<Hotline> hotlines() {
        return jdbc.sql("select * from hotline order by sort, id").query(HOTLINE).list();
    }

    long insertHotline(String name, String phone, int sort) {
        return jdbc.sql("insert into hotline(name, phone, sort) values (?, ?, ?) returning id")
                .params(name, phone, sort).query(Long.class).single();
    }

    int updateHotline(long id, String name, String phone, int sort) {
        return jdbc.sql("update hotline set name = ?, phone = ?, sort = ? where id = ?").params(name, phone, sort, id).update();
    }

    int deleteHotline(long id) {
        return jdbc.sql("delete from hotline where id = ?").param(id).update();
    }

    // ------------------------------------------------------------------ helpers

    private static Place place(ResultSet rs, TargetType type) throws SQLException {
        Object notice = rs.getObject("c_notice");
        Place.Closure closure = notice == null ? null : new Place.Closure(((Number) notice).longValue(), rs.getInt("c_year"),
                rs.getInt("c_number"), instant(rs, "c_since"), instant(rs, "c_until"), rs.getInt("c_count"));
        return new Place(type, rs.getLong("id"), rs.getString("kind"), rs.getString("name"), rs.getString("area_code"),
                rs.getString("area_name"), rs.getString("address"), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), rs.getBoolean("sample"), closure);
    }

    private static String table(TargetType type) {
        return switch (type) {
            case VENUE -> "venue";
            case EVENT -> "public_event";
            case SERVICE -> "transport_service";
        };
    }

    private static List<NoticeCategory> categories(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(NoticeCategory::valueOf).toList();
    }

    /** A PostgreSQL array literal of enum names (which need no quoting). */
    private static String arrayLiteral(List<NoticeCategory> categories) {
        return "{" + String.join(",", categories.stream().map(Enum::name).toList()) + "}";
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
