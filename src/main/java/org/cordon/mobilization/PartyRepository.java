package org.cordon.mobilization;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Party branches, their members and the members' pledges. Phones are stored encrypted with a keyed hash. */
@Repository
class PartyRepository {

    /** A member as read, with the id of the staff account it is linked to (named through the account module). */
    record MemberRow(Member member, Long accountId, String branchArea) {
    }

    /** A member's fields as validated; {@code phone} null keeps the stored one (on update). */
    record MemberFields(String name, String phone, String unit, Long branchId, boolean leaveCancelled, String currentPost,
                        Long accountId) {
    }

    private static final String BRANCH_SELECT = """
            select b.*, a.name as area_name, s.name as secretary_name,
                   (select count(*) from party_member m where m.branch_id = b.id) as member_count
            from party_branch b
            left join area a on a.code = b.area_code
            left join party_member s on s.id = b.secretary_member_id
            """;

    private static final RowMapper<Branch> BRANCH = (rs, n) -> new Branch(rs.getLong("id"), rs.getString("name"),
            BranchKind.valueOf(rs.getString("kind")), rs.getBoolean("temporary"), rs.getString("parent_org"),
            rs.getString("area_code"), rs.getString("area_name"), rs.getString("checkpoint_code"),
            null, (Long) rs.getObject("secretary_member_id", Long.class),
            rs.getString("secretary_name"), rs.getInt("member_count"), rs.getBoolean("sample"));

    private static final String MEMBER_SELECT = """
            select m.*, b.name as branch_name, b.area_code as branch_area
            from party_member m join party_branch b on b.id = m.branch_id
            """;

    private static final String PLEDGE_SELECT = """
            select p.*, m.name as member_name, b.name as branch_name from pledge p
            join party_member m on m.id = p.member_id join party_branch b on b.id = m.branch_id
            """;

    private static final RowMapper<Pledge> PLEDGE = (rs, n) -> new Pledge(rs.getLong("id"), rs.getLong("member_id"),
            rs.getString("member_name"), rs.getString("branch_name"), rs.getObject("signed_on", LocalDate.class),
            rs.getString("statement"), PledgeStatus.valueOf(rs.getString("status")), rs.getString("assigned_post"),
            rs.getString("assigned_by"), Rows.instant(rs, "assigned_at"));

    private final JdbcClient jdbc;
    private final Phones phones;
    private final CheckpointLookup checkpoints;

    PartyRepository(JdbcClient jdbc, Phones phones, CheckpointLookup checkpoints) {
        this.checkpoints = checkpoints;
        this.jdbc = jdbc;
        this.phones = phones;
    }

    // ------------------------------------------------------------------ branches

    /** The branches in the scope: temporary ones first, then by kind and name. */
    List<Branch> branches(MobilizationScope scope) {
        return scope.bind(jdbc.sql(BRANCH_SELECT + " where " + scope.condition("b.area_code")
                + " order by b.temporary desc, b.kind, b.name, b.id")).query(BRANCH).list().stream().map(withCheckpointName()).toList();
    }

    Optional<Branch> findBranch(long id) {
        return jdbc.sql(BRANCH_SELECT + " where b.id = :id").param("id", id).query(BRANCH).optional().map(withCheckpointName());
    }

    /** Names the branch's checkpoint through the checkpoint module (one call per list). */
    private java.util.function.Function<Branch, Branch> withCheckpointName() {
        Map<String, String> names = checkpoints.names();
        return b -> b.checkpointCode() == null ? b : new Branch(b.id(), b.name(), b.kind(), b.temporary(), b.parentOrg(), b.areaCode(),
                b.areaName(), b.checkpointCode(), names.get(b.checkpointCode()), b.secretaryId(), b.secretaryName(), b.memberCount(),
                b.sample());
    }

    /** The area of a branch ("" when it has none); empty when there is no such branch. */
    Optional<String> branchArea(long id) {
        return jdbc.sql("select coalesce(area_code, '') from party_branch where id = ?").param(id).query(String.class).optional();
    }

    boolean checkpointHasBranch(String checkpointCode) {
        return exists("select count(*) from party_branch where kind = 'CHECKPOINT' and checkpoint_code = ?", checkpointCode);
    }

    boolean compoundHasBranch(String areaCode) {
        return exists("select count(*) from party_branch where kind = 'COMPOUND' and area_code = ?", areaCode);
    }

    /** The compounds that have a compound branch. */
    Set<String> compoundsWithBranch() {
        return new HashSet<>(jdbc.sql("select area_code from party_branch where kind = 'COMPOUND'").query(String.class).list());
    }

    /** The checkpoints that have a checkpoint branch. */
    Set<String> checkpointsWithBranch() {
        return new HashSet<>(jdbc.sql("select checkpoint_code from party_branch where kind = 'CHECKPOINT'").query(String.class).list());
    }

    long insertBranch(String name, BranchKind kind, String parentOrg, String areaCode, String checkpointCode) {
        return jdbc.sql("""
                        insert into party_branch(name, kind, temporary, parent_org, area_code, checkpoint_code)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(name, kind.name(), kind.temporary(), parentOrg, areaCode, checkpointCode).query(Long.class).single();
    }

    void setSecretary(long branchId, Long memberId) {
        jdbc.sql("update party_branch set secretary_member_id = ? where id = ?").params(memberId, branchId).update();
    }

    /** The code of the city (the first area of kind CITY), the root when no area is given. */
    Optional<String> cityCode() {
        return jdbc.sql("select code from area where kind = 'CITY' order by code limit 1").query(String.class).optional();
    }

    // ------------------------------------------------------------------ members

    /** The members in the scope (of one branch when {@code branchId} is given), by branch and name. */
    List<MemberRow> members(MobilizationScope scope, Long branchId) {
        return scope.bind(jdbc.sql(MEMBER_SELECT + " where " + scope.condition("b.area_code") + """
                         and (cast(:branch as bigint) is null or m.branch_id = :branch)
                        order by b.name, m.name, m.id"""))
                .param("branch", branchId).query(memberMapper()).list();
    }

    Optional<MemberRow> findMember(long id) {
        return jdbc.sql(MEMBER_SELECT + " where m.id = :id").param("id", id).query(memberMapper()).optional();
    }

    private RowMapper<MemberRow> memberMapper() {
        return (rs, n) -> new MemberRow(new Member(rs.getLong("id"), rs.getString("name"), phones.masked(Phones.MEMBER, rs),
                rs.getString("unit"), rs.getLong("branch_id"), rs.getString("branch_name"), rs.getBoolean("leave_cancelled"),
                rs.getString("current_post"), null), (Long) rs.getObject("account_id"), rs.getString("branch_area"));
    }

    boolean isMemberOf(long memberId, long branchId) {
        return exists("select count(*) from party_member where id = ? and branch_id = ?", memberId, branchId);
    }

    /** True when another member than {@code exceptId} (null: any member) has the phone. */
    boolean phoneTaken(String phone, Long exceptId) {
        return exists("select count(*) from party_member where phone_hash = ? and id <> ?", phones.hash(Phones.MEMBER, phone),
                exceptId == null ? -1L : exceptId);
    }

    /** True when another member than {@code exceptId} (null: any member) is linked to the account. */
    boolean accountTaken(long accountId, Long exceptId) {
        return exists("select count(*) from party_member where account_id = ? and id <> ?", accountId, exceptId == null ? -1L : exceptId);
    }

    /** True when a member is linked to the account. */
    boolean accountLinked(long accountId) {
        return exists("select count(*) from party_member where account_id = ?", accountId);
    }

    long insertMember(MemberFields f) {
        return jdbc.sql("""
                        insert into party_member(name, phone_enc, phone_hash, unit, branch_id, leave_cancelled, current_post, account_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.name(), phones.encrypt(Phones.MEMBER, f.phone()), phones.hash(Phones.MEMBER, f.phone()), f.unit(),
                        f.branchId(), f.leaveCancelled(), f.currentPost(), f.accountId())
                .query(Long.class).single();
    }

    /** Stores the member's fields (the phone only when given); a secretary who moved to another branch is no longer its secretary. */
    void updateMember(long id, MemberFields f) {
        if (f.phone() != null) {
            jdbc.sql("update party_member set phone_enc = ?, phone_hash = ? where id = ?")
                    .params(phones.encrypt(Phones.MEMBER, f.phone()), phones.hash(Phones.MEMBER, f.phone()), id).update();
        }
        jdbc.sql("""
                        update party_member set name = ?, unit = ?, branch_id = ?, leave_cancelled = ?, current_post = ?, account_id = ?
                        where id = ?""")
                .params(f.name(), f.unit(), f.branchId(), f.leaveCancelled(), f.currentPost(), f.accountId(), id).update();
        jdbc.sql("update party_branch set secretary_member_id = null where secretary_member_id = ? and id <> ?")
                .params(id, f.branchId()).update();
    }

    /** Locks the member's row until the end of the transaction (serialises their duty assignments). */
    /** Branch id → checkpoint code of every checkpoint's temporary branch. */
    Map<Long, String> checkpointsOfBranches() {
        Map<Long, String> result = new java.util.HashMap<>();
        jdbc.sql("select id, checkpoint_code from party_branch where kind = 'CHECKPOINT'")
                .query((rs, n) -> result.put(rs.getLong(1), rs.getString(2))).list();
        return result;
    }

    void lockMember(long id) {
        jdbc.sql("select id from party_member where id = ? for update").param(id).query(Long.class).single();
    }

    // ------------------------------------------------------------------ pledges

    /** The pledges of the members in the scope, open first, newest first; {@code status} null for all. */
    List<Pledge> pledges(MobilizationScope scope, PledgeStatus status) {
        return scope.bind(jdbc.sql(PLEDGE_SELECT + " where " + scope.condition("b.area_code") + """
                         and (cast(:status as varchar) is null or p.status = :status)
                        order by p.status desc, p.signed_on desc, p.id desc limit 500"""))
                .param("status", status == null ? null : status.name()).query(PLEDGE).list();
    }

    Optional<Pledge> findPledge(long id) {
        return jdbc.sql(PLEDGE_SELECT + " where p.id = ?").param(id).query(PLEDGE).optional();
    }

    long insertPledge(long memberId, LocalDate signedOn, String statement) {
        return jdbc.sql("insert into pledge(member_id, signed_on, statement) values (?, ?, ?) returning id")
                .params(memberId, signedOn, statement).query(Long.class).single();
    }

    /** Stores the pledge's state (assigned now) and makes its post the member's current post. */
    void storeAssignment(PledgeState pledge) {
        jdbc.sql("update pledge set status = ?, assigned_post = ?, assigned_by = ?, assigned_at = now() where id = ?")
                .params(pledge.status().name(), pledge.post(), pledge.assignedBy(), pledge.id()).update();
        jdbc.sql("update party_member set current_post = ? where id = ?").params(pledge.post(), pledge.memberId()).update();
    }

    private boolean exists(String countSql, Object... params) {
        return jdbc.sql(countSql).params(params).query(Long.class).single() > 0;
    }
}
