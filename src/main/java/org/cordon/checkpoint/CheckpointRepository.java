package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Checkpoints and the screening rules. */
@Repository
class CheckpointRepository {

    private final JdbcClient jdbc;

    CheckpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Checkpoint> findAll() {
        return jdbc.sql("select c.*, a.name as town_name from checkpoint c join area a on a.code = c.town_code order by c.code")
                .query(CheckpointRepository::checkpoint).list();
    }

    Optional<Checkpoint> findByCode(String code) {
        return jdbc.sql("select c.*, a.name as town_name from checkpoint c join area a on a.code = c.town_code where c.code = ?")
                .param(code).query(CheckpointRepository::checkpoint).optional();
    }

    ScreeningRules rules() {
        BigDecimal threshold = jdbc.sql("select fever_threshold from screening_rules where id = 1").query(BigDecimal.class).single();
        List<RiskArea> areas = jdbc.sql("select * from risk_area order by valid_from desc, id desc")
                .query((rs, n) -> new RiskArea(rs.getLong("id"), rs.getString("code_prefix"), rs.getString("name"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
        return new ScreeningRules(threshold, areas);
    }

    void updateFeverThreshold(BigDecimal threshold, String by) {
        jdbc.sql("update screening_rules set fever_threshold = ?, updated_at = now(), updated_by = ? where id = 1")
                .params(threshold, by).update();
    }

    long insertRiskArea(String prefix, String name, LocalDate from, LocalDate to, String by) {
        return jdbc.sql("insert into risk_area(code_prefix, name, valid_from, valid_to, created_by) values (?, ?, ?, ?, ?) returning id")
                .params(prefix, name, from, to, by).query(Long.class).single();
    }

    int updateRiskAreaEnd(long id, LocalDate to) {
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
