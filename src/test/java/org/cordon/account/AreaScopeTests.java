package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AreaScopeTests {

    private static final String CITY = "610881";
    private static final String TOWN = "610881106";
    private static final String VILLAGE = "610881106201";

    @Test
    void cityScopeCoversEveryCodeOfTheCityAndNothingElse() {
        AreaScope city = AreaScope.subtree(CITY);
        assertThat(city.hasArea()).isTrue();
        assertThat(city.covers(CITY)).isTrue();
        assertThat(city.covers(TOWN)).isTrue();
        assertThat(city.covers(VILLAGE + "001")).isTrue();
        assertThat(city.covers("610882106")).isFalse();
        assertThat(city.covers(null)).isFalse();
        assertThat(city.condition("r.destination_code")).isEqualTo("r.destination_code like ? escape '\\'");
        assertThat(city.pattern()).isEqualTo("610881%");
    }

    @Test
    void townAndVillageScopesCoverTheirSubtreeOnly() {
        AreaScope town = AreaScope.subtree(TOWN);
        assertThat(town.covers(VILLAGE)).isTrue();
        assertThat(town.covers(CITY)).isFalse();
        assertThat(town.covers("610881107201")).isFalse();
        assertThat(town.pattern()).isEqualTo(TOWN + "%");

        AreaScope village = AreaScope.subtree(VILLAGE);
        assertThat(village.covers(VILLAGE)).isTrue();
        assertThat(village.covers(VILLAGE + "003")).isTrue();
        assertThat(village.covers("610881106202")).isFalse();
        assertThat(village.covers(TOWN)).isFalse();
        assertThat(village.condition("e.area_code", "area")).isEqualTo("e.area_code like :area escape '\\'");
        assertThat(village.pattern()).isEqualTo(VILLAGE + "%");
    }

    @Test
    void anEmptyScopeCoversNothingAndItsConditionIsFalseButKeepsItsParameter() {
        for (AreaScope none : new AreaScope[] {AreaScope.none(), AreaScope.subtree(null), AreaScope.of((CordonUser) null),
                AreaScope.of(Jurisdiction.checkpoints(Set.of())), AreaScope.of((Jurisdiction) null)}) {
            assertThat(none.hasArea()).isFalse();
            assertThat(none.covers(CITY)).isFalse();
            assertThat(none.covers("")).isFalse();
            assertThat(none.condition("a.code")).isEqualTo("(a.code like ? escape '\\' and false)");
            assertThat(none.condition("a.code", "p")).isEqualTo("(a.code like :p escape '\\' and false)");
            assertThat(none.pattern()).isEmpty();
            assertThat(none.checkpointCodesParam()).containsExactly("");
        }
    }

    @Test
    void theEmptyCodeIsTheWholeTree() {
        AreaScope all = AreaScope.subtree("");
        assertThat(all.covers(CITY)).isTrue();
        assertThat(all.covers("")).isTrue();
        assertThat(all.covers(null)).isFalse();
        assertThat(all.pattern()).isEqualTo("%");
    }

    @Test
    void wildcardsAndTheEscapeCharacterInACodeAreLiteral() {
        assertThat(AreaScope.subtree("61%").pattern()).isEqualTo("61\\%%");
        assertThat(AreaScope.subtree("61_8").pattern()).isEqualTo("61\\_8%");
        assertThat(AreaScope.subtree("61\\8").pattern()).isEqualTo("61\\\\8%");
        assertThat(AreaScope.subtree("%_\\").pattern()).isEqualTo("\\%\\_\\\\%");
        assertThat(AreaScope.subtreePattern("6108_1")).isEqualTo("6108\\_1%");
        // the Java-side test is a plain prefix test: no wildcard either
        assertThat(AreaScope.subtree("6108_1").covers("610881")).isFalse();
        assertThat(AreaScope.subtree("6108%").covers("610881")).isFalse();
        assertThat(AreaScope.subtree("6108%").covers("6108%1")).isTrue();
    }

    @Test
    void aUsersScopeIsItsJurisdictionWithItsCheckpoints() {
        CordonUser grid = new CordonUser(1, "grid", null, "Grid", Role.GRID_WORKER, Jurisdiction.area(VILLAGE), true);
        AreaScope scope = AreaScope.of(grid);
        assertThat(scope.areaCode()).isEqualTo(VILLAGE);
        assertThat(scope.covers(VILLAGE + "001")).isTrue();
        assertThat(scope.covers(TOWN)).isFalse();
        assertThat(scope.checkpointCodes()).isEmpty();

        CordonUser officer = new CordonUser(2, "officer", null, "Officer", Role.OFFICER,
                new Jurisdiction(TOWN, Set.of("CP01")), true);
        AreaScope officers = AreaScope.of(officer);
        assertThat(officers.coversCheckpoint("CP01", "610882101")).isTrue();
        assertThat(officers.coversCheckpoint("CP02", TOWN)).isTrue();
        assertThat(officers.coversCheckpoint("CP02", "610882101")).isFalse();
        assertThat(officers.checkpointCodesParam()).containsExactly("CP01");

        AreaScope checkpointsOnly = AreaScope.of(Jurisdiction.checkpoints(Set.of("CP03")));
        assertThat(checkpointsOnly.hasArea()).isFalse();
        assertThat(checkpointsOnly.coversCheckpoint("CP03", null)).isTrue();
        assertThat(checkpointsOnly.coversCheckpoint("CP04", TOWN)).isFalse();
    }

    @Test
    void jurisdictionDelegatesToItsScope() {
        Jurisdiction town = Jurisdiction.area(TOWN);
        assertThat(town.coversArea(VILLAGE)).isTrue();
        assertThat(town.coversArea(CITY)).isFalse();
        assertThat(town.coversArea(null)).isFalse();
        assertThat(Jurisdiction.checkpoints(Set.of("CP01")).coversArea(TOWN)).isFalse();
        assertThat(town.scope().pattern()).isEqualTo(TOWN + "%");
    }

    @Test
    void theReverseConditionTestsTheColumnAsAPrefixWithoutWildcards() {
        assertThat(AreaScope.containsCondition("area_code")).isEqualTo("starts_with(?, area_code)");
    }
}
