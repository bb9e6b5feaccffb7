package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pinyin keys of place names: initials, whole readings, polyphonic characters, what is left out. */
class PinyinKeysTests {

    @Test
    void initialsAndWholeReadingsOfATown() {
        PinyinKeys.Keys keys = PinyinKeys.of("孙家岔镇");
        assertThat(keys.initials()).contains("sjcz");
        assertThat(keys.spelled()).contains("sunjiachazhen");
    }

    @Test
    void aPolyphonicCharacterGivesEveryReading() {
        // 长 is chang (长安) and zhang (长子县): both find 长子县
        assertThat(PinyinKeys.of("长子县").initials()).contains("czx", "zzx");
        assertThat(PinyinKeys.of("重庆市").spelled()).contains("chongqingshi");
    }

    @Test
    void digitsAndLatinLettersStayBracketsGo() {
        assertThat(PinyinKeys.of("滨河新区一区1号小区〔示例〕").initials()).anyMatch(k -> k.startsWith("bhxqyq1hxq"));
    }

    @Test
    void combinationsAreBounded() {
        PinyinKeys.Keys keys = PinyinKeys.of("长长长长长长长长长长长长");
        assertThat(keys.initials().size()).isLessThanOrEqualTo(PinyinKeys.MAX_READINGS);
        assertThat(keys.spelled().size()).isLessThanOrEqualTo(PinyinKeys.MAX_READINGS);
    }

    @Test
    void searchTextIsNormalised() {
        assertThat(PinyinKeys.normalise(" ＳＪＣ\u200B ")).isEqualTo("sjc");
        assertThat(PlaceSearch.score("sjc", "610881103", "孙家岔镇", null)).isEqualTo(2);
        assertThat(PlaceSearch.score("孙家", "610881103", "孙家岔镇", null)).isEqualTo(1);
        assertThat(PlaceSearch.score("xyz", "610881103", "孙家岔镇", null)).isEqualTo(-1);
    }
}
