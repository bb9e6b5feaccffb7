package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/** The conditions of {@link AreaScope} as PostgreSQL evaluates them: wildcards in a code are literal. */
class AreaScopeSqlIntegrationTests extends IntegrationTestSupport {

    private static final List<String> CODES = List.of("610881", "610881106", "610881106201", "610882", "6108_1", "6108%1",
            "6108\\1", "61088");

    /** Codes of {@link #CODES} matching the scope, by the positional and by the named condition (must agree). */
    private List<String> matching(AreaScope scope) {
        String values = "select code from (values " + String.join(", ", CODES.stream().map(c -> "(?)").toList()) + ") v(code)";
        List<String> positional = jdbc.sql(values + " where " + scope.condition("v.code") + " order by code")
                .params(concat(CODES, scope.pattern())).query(String.class).list();
        String named = "select code from (values " + String.join(", ", CODES.stream().map(c -> "('" + c.replace("'", "''") + "')").toList())
                + ") v(code) where " + scope.condition("v.code", "p") + " order by code";
        List<String> byName = jdbc.sql(named).param("p", scope.pattern()).query(String.class).list();
        assertThat(byName).isEqualTo(positional);
        return positional;
    }

    private static Object[] concat(List<String> codes, String last) {
        Object[] all = codes.toArray(new Object[codes.size() + 1]);
        all[codes.size()] = last;
        return all;
    }

    @Test
    void aSubtreeMatchesItsCodesOnly() {
        assertThat(matching(AreaScope.subtree("610881"))).containsExactlyInAnyOrder("610881", "610881106", "610881106201");
        assertThat(matching(AreaScope.subtree("610881106"))).containsExactlyInAnyOrder("610881106", "610881106201");
        assertThat(matching(AreaScope.subtree("610881106201"))).containsExactly("610881106201");
    }

    @Test
    void wildcardsAndBackslashesInTheCodeAreLiteral() {
        assertThat(matching(AreaScope.subtree("6108_"))).containsExactly("6108_1");
        assertThat(matching(AreaScope.subtree("6108%"))).containsExactly("6108%1");
        assertThat(matching(AreaScope.subtree("6108\\"))).containsExactly("6108\\1");
    }

    @Test
    void anEmptyScopeMatchesNothingAndTheEmptyCodeEverything() {
        assertThat(matching(AreaScope.none())).isEmpty();
        assertThat(matching(AreaScope.of(Jurisdiction.checkpoints(java.util.Set.of("KK01"))))).isEmpty();
        assertThat(matching(AreaScope.subtree(""))).hasSameSizeAs(CODES);
    }

    @Test
    void theReverseConditionFindsTheAreasContainingACode() {
        List<String> containing = jdbc.sql("select code from (values ('610881'), ('610881106'), ('6108_1'), ('610882')) v(code)"
                        + " where " + AreaScope.containsCondition("v.code") + " order by code")
                .param("610881106201").query(String.class).list();
        assertThat(containing).containsExactly("610881", "610881106");
    }
}
