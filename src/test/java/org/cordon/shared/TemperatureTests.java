package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.IdNumberTests.assertCode;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TemperatureTests {

    @ParameterizedTest
    @CsvSource({
            "37.3, 37.3",
            "' 37,3 ', 37.3",
            "37, 37.0",
            "36.50, 36.5",
            "34.0, 34.0",
            "34, 34.0",
            "43.0, 43.0",
            "43, 43.0",
            "+38.2, 38.2",
            "３７．３, 37.3",                 // full-width digits and point (a Chinese input method)
            "'\u00A037.3\u3000', 37.3",
    })
    void parseString(String raw, String expected) {
        Temperature t = Temperature.parse(raw);
        assertThat(t.celsius()).isEqualTo(new BigDecimal(expected));
        assertThat(t.celsius().scale()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"37.3", "37", "34.0", "43.0", "36.60"})
    void parseBigDecimal(String raw) {
        Temperature t = Temperature.parse(new BigDecimal(raw));
        assertThat(t.celsius().scale()).isEqualTo(1);
        assertThat(t.celsius()).isEqualByComparingTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void requiredString(String raw) {
        assertCode(() -> Temperature.parse(raw), "validation.temperature.required");
    }

    @Test
    void requiredBigDecimal() {
        assertCode(() -> Temperature.parse((BigDecimal) null), "validation.temperature.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "37.3°C", "37..3", "3.73E1", "37.", ".5", "37,3,1", "NaN", "３７度"})
    void format(String raw) {
        assertCode(() -> Temperature.parse(raw), "validation.temperature.format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"33.9", "43.1", "0", "-37.3", "100", "373"})
    void range(String raw) {
        InvalidValueException e = assertCode(() -> Temperature.parse(raw), "validation.temperature.range");
        assertThat(e.args()).containsExactly("34.0", "43.0");
        assertCode(() -> Temperature.parse(new BigDecimal(raw)), "validation.temperature.range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"37.35", "36.123", "37,25"})
    void precision(String raw) {
        assertCode(() -> Temperature.parse(raw), "validation.temperature.precision");
        assertCode(() -> Temperature.parse(new BigDecimal(raw.replace(',', '.'))),
                "validation.temperature.precision");
    }

    @Test
    void atLeast() {
        Temperature t = Temperature.parse("37.3");
        assertThat(t.atLeast(new BigDecimal("37.3"))).isTrue();
        assertThat(t.atLeast(new BigDecimal("37.30"))).isTrue();
        assertThat(t.atLeast(new BigDecimal("37.2"))).isTrue();
        assertThat(t.atLeast(new BigDecimal("37.4"))).isFalse();
    }

    @Test
    void equalityIgnoresInputScale() {
        assertThat(Temperature.parse("37")).isEqualTo(Temperature.parse(new BigDecimal("37.0")));
        assertThat(new Temperature(new BigDecimal("37.30"))).isEqualTo(Temperature.parse("37.3"));
    }
}
