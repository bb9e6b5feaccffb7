package org.cordon.mobilization;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The active checkpoints as branches and rosters need them (the known read of the checkpoint module's table). */
@Repository
class CheckpointLookup {

    private final JdbcClient jdbc;

    CheckpointLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every active checkpoint, by code. */
    List<CheckpointRef> active() {
        return jdbc.sql("select code, name, town_code from checkpoint where active order by code")
                .query((rs, n) -> new CheckpointRef(rs.getString("code"), rs.getString("name"), rs.getString("town_code")))
                .list();
    }

    Optional<CheckpointRef> find(String code) {
        return active().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The active checkpoints in the manager's area. */
    List<CheckpointRef> managed(MobilizationScope scope) {
        return active().stream().filter(c -> scope.covers(c.townCode())).toList();
    }

    /** The town of an active checkpoint, or null. */
    String townOf(String code) {
        return find(code).map(CheckpointRef::townCode).orElse(null);
    }
}
