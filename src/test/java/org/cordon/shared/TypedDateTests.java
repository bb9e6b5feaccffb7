package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one parser of typed dates: the spellings of Chinese rosters, two-digit years and serials in a window. */
class TypedDateTests {

    static final LocalDate TODAY = LocalDate.of(2020, 2, 10);

    @ParameterizedTest
    @CsvSource({
            "2020年1月22日, 2020-01-22",
            "2020年01月25号, 2020-01-25",
            "2020 年 1 月 22 日, 2020-01-22",
            "2020年1月22, 2020-01-22",
            "20年1月22日, 2020-01-22",           // a zh-CN office suite's short Chinese date in CSV
            "19年12月31日, 2019-12-31",
            "2020/1/22, 2020-01-22",
            "2020-1-22, 2020-01-22",
            "2020.1.22, 2020-01-22",
            "2020-01-22, 2020-01-22",
            "20200122, 2020-01-22",
            "2020-01-22 00:00:00, 2020-01-22",
            "2020-01-22T08:30, 2020-01-22",
            "2020/1/22 8:05, 2020-01-22",
            "43852, 2020-01-22",                 // an Excel serial number written as a number
            "43852.5, 2020-01-22",
            "２０２０年１月２２日, 2020-01-22",   // full-width digits
            "'\u00A02020-01-22\u3000', 2020-01-22",
            "'2020\u200B-01-22', 2020-01-22",
            "2020年2月29日, 2020-02-29",
    })
    void theCommonSpellingsAreRead(String text, LocalDate expected) {
        assertThat(TypedDate.parse(text, TODAY)).isEqualTo(expected);
    }

    @Test
    void blankIsNoDate() {
        assertThat(TypedDate.parse(null, TODAY)).isNull();
        assertThat(TypedDate.parse(" \u00A0", TODAY)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020年2月30日", "2019年2月29日", "2020-13-01", "2020/0/10", "20201345", "20年2月30日",
            "2020-01-32"})
    void impossibleDatesAreRefusedAsSuch(String text) {
        assertCode(text, TypedDate.IMPOSSIBLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22/01/2020", "01/22/2020", "22/1/20", "20-1-22", "1月22日", "2020-01", "2020/1-22", "yesterday",
            "2020年1月22日星期三", "202001", "2020012"})
    void otherSpellingsAreRefusedNotGuessed(String text) {
        assertCode(text, TypedDate.FORMAT);
    }

    @Test
    void aTwoDigitYearIsTheOneInTheWindowAroundToday() {
        // the window is 20 years back and 1 ahead: 20 is 2020 from 2019 to 2040
        assertThat(TypedDate.parse("20年1月22日", LocalDate.of(2019, 6, 1))).isEqualTo(LocalDate.of(2020, 1, 22));
        assertThat(TypedDate.parse("20年1月22日", LocalDate.of(2039, 12, 31))).isEqualTo(LocalDate.of(2020, 1, 22));
        assertCode("20年1月22日", LocalDate.of(2040, 6, 1), TypedDate.CENTURY);
        // 99 would be 1999 (too long ago) or 2099 (the future): write four digits
        InvalidValueException e = assertCode("99年1月22日", TODAY, TypedDate.CENTURY);
        assertThat(e.args()).containsExactly("99年1月22日");
        // near a century's turn the window spans two centuries, and still holds one year of each ending
        assertThat(TypedDate.parse("99年12月1日", LocalDate.of(2100, 1, 5))).isEqualTo(LocalDate.of(2099, 12, 1));
        assertThat(TypedDate.parse("00年3月1日", LocalDate.of(2100, 1, 5))).isEqualTo(LocalDate.of(2100, 3, 1)).isAfter(
                LocalDate.of(2100, 1, 5));
    }

    @Test
    void aSerialNumberOutsideTheWindowIsRefused() {
        InvalidValueException e = assertCode("20200", TODAY, TypedDate.IMPLAUSIBLE);
        assertThat(e.args()).containsExactly("20200", "1955-04-21");
        assertThat(TypedDate.fromSerial("43852", 43852, TODAY)).isEqualTo(LocalDate.of(2020, 1, 22));
        assertCode("59", TODAY, TypedDate.FORMAT);
    }

    @Test
    void theMessageQuotesTheTextCut() {
        String longText = "2020年1月22日" + "很".repeat(100);
        InvalidValueException e = assertCode(longText, TODAY, TypedDate.FORMAT);
        assertThat((String) e.args()[0]).hasSize(50).endsWith("…");
    }

    static InvalidValueException assertCode(String text, String code) {
        return assertCode(text, TODAY, code);
    }

    static InvalidValueException assertCode(String text, LocalDate today, String code) {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> TypedDate.parse(text, today));
        assertThat(e).as(text).isNotNull();
        assertThat(e.messageCode()).as(text).isEqualTo(code);
        return e;
    }
}
