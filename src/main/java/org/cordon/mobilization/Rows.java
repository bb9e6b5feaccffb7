package org.cordon.mobilization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading the module's columns. */
final class Rows {

    private Rows() {
    }

    /** The timestamp column as an instant, or null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
