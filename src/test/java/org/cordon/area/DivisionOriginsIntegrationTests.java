package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Origins beyond the mainland's divisions (migrations V50, V51): Hong Kong, Macao, Taiwan, abroad and its countries,
 * other spellings and the old division codes, against the real reference tables.
 */
class DivisionOriginsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AreaManagement areas;

    @ParameterizedTest
    @CsvSource({
            "610821, 610881, 神木市",       // 神木县 until 2017
            "610823, 610803, 横山区",       // 横山县 until 2015
            "' 610821 ', 610881, 神木市",
            "420821, 420882, 京山市",       // Hubei, 2018
            "513823, 511403, 彭山区",       // 彭山县 → 511422 (2000) → 彭山区 (2014): the chain ends at the current code
            "130323, 1303, 秦皇岛市",       // 抚宁县 split among three districts (2015): the city holding them
            "1422, 1409, 忻州市",           // 忻州地区 (prefecture) became 忻州市 in 2000
            "142200, 1409, 忻州市",         // ... in its six-digit form
            "420102, 420102, 江岸区",       // current codes are themselves
            "420100, 4201, 武汉市",         // six-digit GB/T 2260 form of a city
            "420000, 42, 湖北省",
            "810000, 81, 香港特别行政区",
            "820000, 82, 澳门特别行政区",
            "710000, 71, 台湾省",
            "HK, 81, 香港特别行政区",
            "ISO:MO, 82, 澳门特别行政区",
            "TWN, 71, 台湾省",
            "us, ISO:US, 美国",
            "USA, ISO:US, 美国",
            "iso:us, ISO:US, 美国",
            "ISO:USA, ISO:US, 美国",
            "jp, ISO:JP, 日本",
            "ISO, ISO, 境外",
    })
    void anOriginAsTypedIsTheCurrentDivision(String typed, String code, String name) {
        Optional<Division> resolved = areas.resolveOrigin(typed);
        assertThat(resolved).as(typed).isPresent();
        assertThat(resolved.get().code()).isEqualTo(code);
        assertThat(resolved.get().name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999", "4299", "610899", "ISO:XX", "XX", "CN", "ISO:CN", "42010", "61082l", "", " ", "ISO:US:US"})
    void anythingElseIsNoOrigin(String typed) {
        assertThat(areas.resolveOrigin(typed)).as(typed).isEmpty();
        assertThat(areas.resolveOrigin(null)).isEmpty();
    }

    @Test
    void everyOldCodePointsToACurrentDivisionOfTheSameProvinceAndIsNotCurrentItself() {
        long old = count("select count(*) from division_alias where kind = 'OLD_CODE'");
        assertThat(old).isEqualTo(907);
        assertThat(count("select count(*) from division_alias a join division d on d.code = a.alias where a.kind = 'OLD_CODE'"))
                .as("an old code that is also a current code would hide the current division").isZero();
        assertThat(count("select count(*) from division_alias a left join division d on d.code = a.code where d.code is null"))
                .isZero();
        assertThat(count("""
                select count(*) from division_alias a where a.kind = 'OLD_CODE'
                and (substr(a.alias, 1, 2) <> substr(a.code, 1, 2) or length(a.code) > length(a.alias)
                     or a.code like 'ISO%' or a.retired_in not between 2000 and 2019)"""))
                .as("an old code maps to a division of its own province, as precise or coarser").isZero();
        assertThat(count("select count(*) from division_alias where kind = 'ISO_ALPHA3'")).isEqualTo(245);
    }

    @Test
    void thePickerOffersHongKongMacaoTaiwanAndCountriesAbroad() {
        List<String> provinces = areas.provinces().stream().map(Division::code).toList();
        assertThat(provinces).hasSize(35).startsWith("11").endsWith("71", "81", "82", "ISO");
        assertThat(areas.divisionChildren("81")).as("Hong Kong has no cities here: the province is the origin").isEmpty();

        List<Division> countries = areas.divisionChildren(Division.ABROAD, Locale.SIMPLIFIED_CHINESE);
        assertThat(countries).hasSize(245).allSatisfy(c -> {
            assertThat(c.code()).matches("ISO:[A-Z]{2}");
            assertThat(c.nameEn()).isNotBlank();
            assertThat(c.abroad()).isTrue();
        });
        assertThat(countries).extracting(Division::code).doesNotContain("ISO:CN", "ISO:HK", "ISO:MO", "ISO:TW")
                .contains("ISO:US", "ISO:JP", "ISO:KR", "ISO:IT", "ISO:IR");
        List<String> english = areas.divisionChildren(Division.ABROAD, Locale.ENGLISH).stream()
                .map(d -> d.displayName(Locale.ENGLISH)).toList();
        assertThat(english).startsWith("Afghanistan").contains("United States", "Japan")
                .isSortedAccordingTo(java.text.Collator.getInstance(Locale.ENGLISH));
        List<String> chinese = countries.stream().map(Division::name).toList();
        assertThat(chinese.indexOf("阿富汗")).as("pinyin order: 阿 (a) before 美 (m)").isLessThan(chinese.indexOf("美国"));
    }

    @Test
    void pathsAreShownInThePagesLanguage() {
        List<String> codes = List.of("ISO:US", "81", "610881", "110101");
        assertThat(areas.divisionPaths(codes)).containsEntry("ISO:US", "境外 美国").containsEntry("81", "香港特别行政区")
                .containsEntry("610881", "陕西省 榆林市 神木市").containsEntry("110101", "北京市 东城区");
        Locale before = LocaleContextHolder.getLocale();
        try {
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            assertThat(areas.divisionPaths(codes)).containsEntry("ISO:US", "Abroad United States")
                    .containsEntry("81", "Hong Kong SAR").containsEntry("610881", "陕西省 榆林市 神木市");
            assertThat(areas.divisionPath("ISO:US")).as("stored and exported names stay Chinese").isEqualTo("境外 美国");
        } finally {
            LocaleContextHolder.setLocale(before);
        }
    }

    @Test
    void theApiListsCountriesAndResolvesTypedOrigins() throws Exception {
        mvc.perform(get("/api/v1/divisions").with(as("officer1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code=='81')].name").value(org.hamcrest.Matchers.contains("香港特别行政区")))
                .andExpect(jsonPath("$[?(@.code=='ISO')].nameEn").value(org.hamcrest.Matchers.contains("Abroad")));
        mvc.perform(get("/api/v1/divisions").param("parent", "ISO").with(as("officer1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(245))
                .andExpect(jsonPath("$[?(@.code=='ISO:US')].nameEn").value(org.hamcrest.Matchers.contains("United States")));
        mvc.perform(get("/api/v1/divisions/resolve").param("code", "610821").with(as("officer1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("610881")).andExpect(jsonPath("$.name").value("神木市"));
        mvc.perform(get("/api/v1/divisions/resolve").param("code", "usa").with(as("grid1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("ISO:US"));
        mvc.perform(get("/api/v1/divisions/resolve").param("code", "999999").with(as("officer1")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.status").value(404));
    }
}
