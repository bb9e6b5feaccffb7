package org.cordon.observation;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.cordon.checkpoint.Symptom;

/** The {@code symptoms text[]} column of checks and referrals: written through {@code string_to_array(?, ',')}. */
final class SymptomColumn {

    private SymptomColumn() {
    }

    /** The parameter for {@code string_to_array(?, ',')}. */
    static String text(Collection<Symptom> symptoms) {
        return String.join(",", symptoms.stream().map(Enum::name).toList());
    }

    static List<Symptom> read(Array array) throws SQLException {
        List<Symptom> list = new ArrayList<>();
        if (array != null) {
            for (Object s : (Object[]) array.getArray()) {
                list.add(Symptom.valueOf((String) s));
            }
        }
        return list;
    }
}
