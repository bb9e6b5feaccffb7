package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers as typed into page forms: thousands separators of the page's language, full-width digits, strict groups. */
class TypedNumberTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3,500|3500", "3 500|3500", "3\u00A0500|3500", "3\u202F500|3500", "３，５００|3500", "1,234.5|1234.5",
            "1,234,567|1234567", "3500|3500", " 12.50 |12.50", "-1,000|-1000", "0.5|0.5", "1 234.5|1234.5", "3500.|3500"})
    void chineseAndEnglish(String typed, String expected) {
        assertThat(TypedNumber.parse(typed, Locale.SIMPLIFIED_CHINESE)).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(TypedNumber.parse(typed, Locale.ENGLISH)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3.500|3500", "1.234,5|1234.5", "3 500|3500", "12,5|12.5"})
    void germanStyle(String typed, String expected) {
        assertThat(TypedNumber.parse(typed, Locale.GERMAN)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3,50", "35,00,0", "abc", "3,500.5.5", "1,,000", "3.500,5", "12a", "--3", "1e5"})
    void notNumbers(String typed) {
        assertThatThrownBy(() -> TypedNumber.parse(typed, Locale.SIMPLIFIED_CHINESE))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).messageCode()).isEqualTo(TypedNumber.NOT_A_NUMBER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsNull(String typed) {
        assertThat(TypedNumber.parse(typed, Locale.ENGLISH)).isNull();
        assertThat(TypedNumber.canonical(typed, Locale.ENGLISH)).isEqualTo(typed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3,500|3500", "1,234.5|1234.5", "3,50|3,50", "abc|abc"})
    void canonicalText(String typed, String expected) {
        assertThat(TypedNumber.canonical(typed, Locale.SIMPLIFIED_CHINESE)).isEqualTo(expected);
    }
}
