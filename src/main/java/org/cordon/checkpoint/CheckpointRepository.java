package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cordon.shared.db.ReferenceData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Checkpoints and the screening rules. */
@Repository
class CheckpointRepository {

    private final JdbcClient jdbc;
    private final ReferenceData referenceData;
    /** Reference data read by every registration, kept correct on edits by {@link ReferenceData}. */
    private final ReferenceData.Cache<String, List<Checkpoint>> all;
    private final ReferenceData.Cache<String, Optional<Checkpoint>> byCode;
    private final ReferenceData.Cache<String, ScreeningRules> rules;

    CheckpointRepository(JdbcClient jdbc, ReferenceData referenceData) {
        this.jdbc = jdbc;
        this.referenceData = referenceData;
        // a checkpoint row carries its town's name
        this.all = referenceData.cache("checkpoints", Set.of("checkpoint", "area"), 1);
        this.byCode = referenceData.cache("checkpoints by code", Set.of("checkpoint", "area"), 10_000);
        this.rules = referenceData.cache("screening rules", Set.of("screening_rules", "risk_area"), 1);
    }

    List<Checkpoint> findAll() {
        return all.get("all", k -> List.copyOf(jdbc.sql(
                        "select c.*, a.name as town_name from checkpoint c join area a on a.code = c.town_code order by c.code")
                .query(CheckpointRepository::checkpoint).list()));
    }

    Optional<Checkpoint> findByCode(String code) {
        return byCode.get(code, c -> jdbc.sql(
                        "select c.*, a.name as town_name from checkpoint c join area a on a.code = c.town_code where c.code = ?")
                .param(c).query(CheckpointRepository::checkpoint).optional());
    }

    ScreeningRules rules() {
        return rules.get("rules", k -> loadRules());
    }

    private ScreeningRules loadRules() {
        BigDecimal threshold = jdbc.sql("select fever_threshold from screening_rules where id = 1").query(BigDecimal.class).single();
        List<RiskArea> areas = jdbc.sql("select * from risk_area order by valid_from desc, id desc")
                .query((rs, n) -> new RiskArea(rs.getLong("id"), rs.getString("code_prefix"), rs.getString("name"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
        return new ScreeningRules(threshold, List.copyOf(areas));
    }

    void updateFeverThreshold(BigDecimal threshold, String by) {
        referenceData.changed("screening_rules");
        jdbc.sql("update screening_rules set fever_threshold = ?, updated_at = now(), updated_by = ? where id = 1")
                .params(threshold, by).update();
    }

    long insertRiskArea(String prefix, String name, LocalDate from, LocalDate to, String by) {
        referenceData.changed("risk_area");
        return jdbc.sql("insert into risk_area(code_prefix, name, valid_from, valid_to, created_by) values (?, ?, ?, ?, ?) returning id")
                .params(prefix, name, from, to, by).query(Long.class).single();
    }

    int updateRiskAreaEnd(long id, LocalDate to) {
        referenceData.changed("risk_area");
        return jdbc.sql("update risk_area set valid_to = ? where id = ?").params(to, id).update();
    }

    Optional<RiskArea> findRiskArea(long id) {
        return jdbc.sql("select * from risk_area where id = ?").param(id)
                .query((rs, n) -> new RiskArea(rs.getLong("id"), rs.getString("code_prefix"), rs.getString("name"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .optional();
    }

    private static Checkpoint checkpoint(ResultSet rs, int n) throws SQLException {
        return new Checkpoint(rs.getString("code"), rs.getString("name"), rs.getString("town_code"), rs.getString("town_name"),
                rs.getString("road"), CheckpointKind.valueOf(rs.getString("kind")), rs.getBoolean("active"), rs.getBoolean("sample"));
    }
}
